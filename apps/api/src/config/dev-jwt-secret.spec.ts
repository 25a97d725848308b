import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { readOrCreateDevJwtSecret } from './dev-jwt-secret';

describe('readOrCreateDevJwtSecret', () => {
  let dir: string;

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'pulse-dev-secret-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the file (and its directory) on first use, readable by its owner only, and reads it back after', () => {
    const path = join(dir, '.pulse', 'dev-jwt-secret');
    const first = readOrCreateDevJwtSecret(path);
    expect(first.created).toBe(true);
    expect(first.secret.length).toBeGreaterThanOrEqual(64);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8').trim()).toBe(first.secret);
    expect(readOrCreateDevJwtSecret(path)).toEqual({ secret: first.secret, created: false });
  });

  it('gives every process starting at once the same secret', async () => {
    const path = join(dir, 'dev-jwt-secret');
    const source = `
      const { parentPort, workerData } = require('node:worker_threads');
      require('@swc-node/register');
      const { readOrCreateDevJwtSecret } = require(workerData.module);
      parentPort.postMessage(readOrCreateDevJwtSecret(workerData.path).secret);`;
    const secrets = await Promise.all(
      Array.from(
        { length: 6 },
        () =>
          new Promise<string>((resolve, reject) => {
            const worker = new Worker(source, {
              eval: true,
              workerData: { module: join(__dirname, 'dev-jwt-secret.ts'), path },
            });
            worker.once('message', resolve);
            worker.once('error', reject);
          }),
      ),
    );
    expect(new Set(secrets).size).toBe(1);
    expect(readFileSync(path, 'utf8').trim()).toBe(secrets[0]);
    // Six workers each compile the module (swc) before the race: seconds apiece on a loaded machine.
  }, 120_000);

  it('refuses a file that holds no usable secret, naming the file and not its content', () => {
    const path = join(dir, 'dev-jwt-secret');
    writeFileSync(path, 'too-short\n');
    expect(() => readOrCreateDevJwtSecret(path)).toThrow(
      new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} holds no usable secret`),
    );
    expect(() => readOrCreateDevJwtSecret(path)).not.toThrow(/too-short/);
  });
});
