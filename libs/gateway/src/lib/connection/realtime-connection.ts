import type { AuthenticatedUser } from '@pulse/auth';
import type { CloseCode, ServerMessage } from '@pulse/protocol';
import type { OutboundFrame } from '../dispatch/outbound-frame';

export type TransportName = 'ws' | 'socket.io';

/**
 * One client connection, whatever its transport. Features talk to this, never to a raw socket.
 * A user may have several connections (tabs), each a separate member of the rooms it joins.
 */
export interface RealtimeConnection {
  readonly id: string;
  readonly user: AuthenticatedUser;
  readonly transport: TransportName;
  /** The rooms this connection has joined. Maintained by `RoomsService`. */
  readonly rooms: Set<string>;
  send(message: ServerMessage): void;
  sendFrame(frame: OutboundFrame): void;
  close(code: CloseCode, reason: string): void;
  /** Records a sign of life (a pong or any inbound message). */
  markAlive(): void;
  /** One heartbeat round: returns false when the connection was silent since the previous round. */
  checkAlive(): boolean;
  /** Drops the connection at once, without a closing handshake. */
  terminate(): void;
  /** Stops reading what the peer sends (a flooder's unread frames stay in the kernel); where the transport can. */
  stopReading?(): void;
  /** Told by `RoomsService` after the connection joined or left a room, for a transport with rooms of its own. */
  joined?(room: string): void;
  left?(room: string): void;
  /** Per-tick batching at `hz` (0 = off), as the client asked; false when this transport cannot batch. */
  setBatching(hz: number): boolean;
}
