import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENV_TABLE_END, ENV_TABLE_START, renderEnvTable } from './env-table';

describe('docs/operations.md environment table', () => {
  it('is the one generated from the config schema (run `npm run docs:env` after changing it)', () => {
    const doc = readFileSync(join(__dirname, '../../../../docs/operations.md'), 'utf8');
    const current = doc.slice(
      doc.indexOf(ENV_TABLE_START),
      doc.indexOf(ENV_TABLE_END) + ENV_TABLE_END.length,
    );
    expect(current).toBe(renderEnvTable());
  });
});
