import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnvSchema } from './env.schema';

describe('configuration docs', () => {
  it('lists every environment variable the API reads in the README table', () => {
    const readme = readFileSync(join(__dirname, '../../../../README.md'), 'utf8');
    const documented = [...readme.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual(Object.keys(EnvSchema.properties).sort());
  });
});
