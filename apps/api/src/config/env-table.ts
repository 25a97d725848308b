import type { TSchema } from '@sinclair/typebox';
import { EnvSchema } from './env.schema';

export const ENV_TABLE_START =
  '<!-- env-table:start (generated from apps/api/src/config/env.schema.ts; npm run docs:env) -->';
export const ENV_TABLE_END = '<!-- env-table:end -->';

function describeDefault(schema: TSchema): string {
  const value: unknown = schema['default'];
  return value === undefined || value === '' ? '-' : `\`${String(value)}\``;
}

/** The configuration reference, rendered from the schema the API validates its environment with. */
export function renderEnvTable(): string {
  const rows = Object.entries(EnvSchema.properties).map(
    ([name, schema]) =>
      `| \`${name}\` | ${describeDefault(schema as TSchema)} | ${String((schema as TSchema)['description'] ?? '').replace(/\|/g, '\\|')} |`,
  );
  return [ENV_TABLE_START, '| variable | default | meaning |', '|---|---|---|', ...rows, ENV_TABLE_END].join(
    '\n',
  );
}
