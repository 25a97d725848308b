/** A shared store could not be reached; the operation was not applied. Maps to the protocol's `UNAVAILABLE`. */
export class StoreUnavailableError extends Error {
  constructor(cause: string) {
    super(`shared store unavailable: ${cause}`);
    this.name = 'StoreUnavailableError';
  }
}
