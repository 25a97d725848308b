/** The server's `retry-after-ms=N` close reason (sent when a node drains): how long it asks the client to wait. */
const RETRY_AFTER = /(?:^|[;\s])retry-after-ms=(\d{1,9})(?:$|[;\s])/;

/** The wait the close reason asks for, in ms, capped at `maxMs`; undefined when it asks for none. */
export function retryHintOf(reason: string, maxMs: number): number | undefined {
  const match = RETRY_AFTER.exec(reason);
  return match ? Math.min(Number(match[1]), maxMs) : undefined;
}
