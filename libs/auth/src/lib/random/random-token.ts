import { randomFillSync } from 'node:crypto';

/** Bytes drawn from the CSPRNG at a time: one system call for every few hundred tokens. */
const POOL_BYTES = 8192;
const pool = Buffer.allocUnsafeSlow(POOL_BYTES);
let offset = POOL_BYTES;

/**
 * `bytes` cryptographically random bytes as base64url, from a pool refilled by `randomFillSync` (as Node's own
 * `randomUUID()` does): each byte is handed out once. Tickets and connection ids are made on every connect, and a
 * `randomBytes()` call per token was a measurable part of a connect's CPU.
 */
export function randomToken(bytes: number): string {
  if (bytes > POOL_BYTES) throw new RangeError(`randomToken: at most ${POOL_BYTES} bytes`);
  if (offset + bytes > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const token = pool.toString('base64url', offset, offset + bytes);
  offset += bytes;
  return token;
}
