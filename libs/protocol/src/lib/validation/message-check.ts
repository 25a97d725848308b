import type { TObject } from '@sinclair/typebox';
import type { ValueErrorIterator } from '@sinclair/typebox/errors';

/**
 * Checks values against one message schema: a yes/no answer on the hot path, the problems when it is no. The shape
 * of TypeBox's own `TypeCheck`, so a compiled checker is used as it is, with no wrapper on the server's path.
 */
export interface MessageCheck {
  Check(value: unknown): boolean;
  Errors(value: unknown): ValueErrorIterator;
}

/** Builds one `MessageCheck` per message type of a registry. */
export type BuildChecks = (schemas: Record<string, TObject>) => Record<string, MessageCheck>;
