import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The shortest secret accepted from the file, as for `JWT_SECRET`. */
const MIN_SECRET_LENGTH = 32;

export interface DevJwtSecret {
  readonly secret: string;
  /** True when this call made the file; false when it was already there. */
  readonly created: boolean;
}

/**
 * The development signing secret kept in `path`: read when the file exists, otherwise made (384 random bits) and
 * written with mode 0600, so access tokens stay valid across restarts of a development server. Several processes
 * starting at once agree on one secret: the file appears whole or not at all (written aside, then hard-linked into
 * place, which fails if another process got there first). Throws an `Error` whose message names the path, never
 * the secret.
 */
export function readOrCreateDevJwtSecret(path: string): DevJwtSecret {
  const existing = readSecret(path);
  if (existing !== undefined) return { secret: existing, created: false };
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  const aside = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(aside, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(aside, 0o600);
    linkSync(aside, path);
    return { secret, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = readSecret(path);
    if (winner === undefined)
      throw new Error(`${path} appeared while it was being created, but cannot be read`);
    return { secret: winner, created: false };
  } finally {
    rmSync(aside, { force: true });
  }
}

/** The secret in the file, undefined when there is no file; throws when the file holds no usable secret. */
function readSecret(path: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const secret = text.trim();
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(
      `${path} holds no usable secret (fewer than ${MIN_SECRET_LENGTH} characters); delete it to make a new one`,
    );
  }
  return secret;
}
