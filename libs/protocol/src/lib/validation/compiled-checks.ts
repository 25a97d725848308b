import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { BuildChecks, MessageCheck } from './message-check';

/**
 * TypeBox's compiled checks: the fastest path, but `TypeCompiler.Compile` builds each checker with `new Function`,
 * which a Content-Security-Policy without `'unsafe-eval'` forbids. Used where there is no such policy (Node).
 */
export const compiledChecks: BuildChecks = (schemas) => {
  const checks: Record<string, MessageCheck> = {};
  for (const [type, schema] of Object.entries(schemas)) checks[type] = TypeCompiler.Compile(schema);
  return checks;
};
