import { Errors } from '@sinclair/typebox/errors';
import { Check } from '@sinclair/typebox/value';
import type { BuildChecks, MessageCheck } from './message-check';

/** TypeBox's interpreted checks: they walk the schema for every value and never evaluate code, so a strict CSP holds. */
export const interpretedChecks: BuildChecks = (schemas) => {
  const checks: Record<string, MessageCheck> = {};
  for (const [type, schema] of Object.entries(schemas)) {
    checks[type] = { Check: (value) => Check(schema, value), Errors: (value) => Errors(schema, value) };
  }
  return checks;
};
