/**
 * Inbound messages whose handling ended in an error answer. The exception filter marks them, the
 * dispatcher reads the mark to decide between `ack` and nothing (the error already went out).
 */
const failed = new WeakSet<object>();

export function markFailed(message: unknown): void {
  if (typeof message === 'object' && message !== null) failed.add(message);
}

export function hasFailed(message: object): boolean {
  return failed.has(message);
}
