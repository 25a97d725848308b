import type { ServerMessageOf } from '@pulse/protocol';

type ErrorAnswer = ServerMessageOf<'error'>;

/**
 * Inbound messages whose handling ended in an error answer. The exception filter records the answer, the
 * dispatcher reads it to decide between `ack` and nothing (the error already went out).
 */
const failures = new WeakMap<object, ErrorAnswer>();

export function markFailed(message: unknown, answer: ErrorAnswer): void {
  if (typeof message === 'object' && message !== null) failures.set(message, answer);
}

export function failureOf(message: object): ErrorAnswer | undefined {
  return failures.get(message);
}
