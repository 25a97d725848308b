import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENV_TABLE_END, ENV_TABLE_START, renderEnvTable } from '../config/env-table';
import { commandsFor, ROOT } from './doc-commands';
import { runToEnd } from './shell-command';

/**
 * The other documented npm scripts and tool commands that run under `node -r @swc-node/register` (they need the
 * root tsconfig.json for decorators and the @pulse/* paths), each run as the docs write it. Where the documented
 * command runs for minutes or rewrites a tracked file, the test adds the script's own bounded switch and says so.
 */

const TEST_TIMEOUT_MS = 120_000;

function only(id: string): string {
  const commands = commandsFor(id);
  expect(commands).toHaveLength(1);
  return commands[0].text;
}

describe('documented npm scripts and tool commands', () => {
  let scratch = '';
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'pulse-doc-commands-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it(
    'npm run docs:env rewrites the env table from the schema (given a copy of docs/operations.md, so the test leaves the tracked file alone)',
    async () => {
      const copy = join(scratch, 'operations.md');
      const doc = readFileSync(join(ROOT, 'docs/operations.md'), 'utf8');
      const start = doc.indexOf(ENV_TABLE_START);
      const end = doc.indexOf(ENV_TABLE_END) + ENV_TABLE_END.length;
      writeFileSync(
        copy,
        `${doc.slice(0, start)}${ENV_TABLE_START}\nstale\n${ENV_TABLE_END}${doc.slice(end)}`,
      );

      const { code, output } = await runToEnd(`${only('docs-env')} -- ${copy}`);
      expect({ code, output }).toEqual({ code: 0, output: expect.stringContaining(`updated ${copy}`) });
      expect(readFileSync(copy, 'utf8')).toBe(`${doc.slice(0, start)}${renderEnvTable()}${doc.slice(end)}`);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'npm run bench:validator -- --smoke checks all validators agree and prints its table (the full run takes ~50 s)',
    async () => {
      const { code, output } = await runToEnd(`${only('bench-validator')} -- --smoke`);
      expect({ code, output }).toEqual({
        code: 0,
        output: expect.stringContaining('| scenario | typebox | typebox (interpreted) | zod |'),
      });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'bench.ts list prints the scenarios, and two-nodes-redis runs with --smoke --no-build (two nodes, a private Redis)',
    async () => {
      const texts = commandsFor('bench-quick').map((command) => command.text);
      const list = texts.find((text) => text.endsWith(' list'));
      const twoNodes = texts.find((text) => text.endsWith(' two-nodes-redis'));
      expect({ list, twoNodes, count: texts.length }).toEqual({
        list: expect.any(String),
        twoNodes: expect.any(String),
        count: 2,
      });
      const listed = await runToEnd(list ?? '');
      expect(listed.code).toBe(0);
      expect(listed.output).toMatch(/^two-nodes-redis /m);

      const run = await runToEnd(`${twoNodes} --smoke --no-build --no-pin`);
      expect({ code: run.code, tail: run.output.slice(-2000) }).toEqual({
        code: 0,
        tail: expect.stringMatching(/\| two nodes over Redis, CPU per delivered msg [^\n]*\| \d+\.\d+x \|/),
      });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'the bench type-check and lint commands pass',
    async () => {
      for (const text of commandsFor('bench-checks').map((command) => command.text)) {
        const { code, output } = await runToEnd(text);
        expect({ text, code, output }).toEqual({ text, code: 0, output: '' });
      }
    },
    TEST_TIMEOUT_MS,
  );
});
