import { randomToken } from '@pulse/auth';

/**
 * A new connection id: 96 random bits as 16 base64url characters, unique across nodes (a room event names the
 * connection it skips). One flat string: Node's `randomUUID()` text is a tree of concatenated pieces that costs
 * every connection ~380 bytes of heap for as long as it lives.
 */
export function newConnectionId(): string {
  return randomToken(12);
}
