/** A shared store could not be reached; the operation was not applied. Maps to the protocol's `UNAVAILABLE`. */
export class StoreUnavailableError extends Error {
  constructor(cause: string) {
    super(`shared store unavailable: ${cause}`);
    this.name = 'StoreUnavailableError';
  }
}

/** A write was applied on its primary but too few replicas had it in time: not acknowledged, it may be retried. */
export class ReplicaAckTimeoutError extends StoreUnavailableError {
  constructor(acknowledged: number, wanted: number, timeoutMs: number) {
    super(`${acknowledged} of ${wanted} replicas had the write within ${timeoutMs} ms`);
    this.name = 'ReplicaAckTimeoutError';
  }
}
