// Rewrites the environment table in docs/operations.md (or the Markdown file given: `npm run docs:env -- FILE`)
// from the API's config schema.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ENV_TABLE_END, ENV_TABLE_START, renderEnvTable } from '../../apps/api/src/config/env-table';

const given = process.argv[2];
const path = given ? resolve(given) : join(__dirname, '../../docs/operations.md');
const doc = readFileSync(path, 'utf8');
const start = doc.indexOf(ENV_TABLE_START);
const end = doc.indexOf(ENV_TABLE_END);
if (start < 0 || end < 0) throw new Error(`markers not found in ${path}`);
writeFileSync(path, doc.slice(0, start) + renderEnvTable() + doc.slice(end + ENV_TABLE_END.length));
console.log(`updated ${path}`);
