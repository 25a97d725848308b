import { CloseCode } from '@pulse/protocol';
import type { WebSocket } from 'ws';
import type { MessageBudget } from '../../rate-limit/message-budget';

/** Decides each inbound control frame: the connection's message budget, counted like any other message. */
export interface ControlFrameAccount {
  /** Counts one ping or pong; false when it is over the budget (a ping then goes unanswered). */
  admit(): boolean;
}

/** What `answerControlFrames` needs of a `ws` socket: the server side of one WebSocket. */
export type ControlledSocket = Pick<WebSocket, 'on' | 'pong' | 'readyState' | 'bufferedAmount'>;

const OPEN = 1;

/**
 * Takes over a socket's control frames from `ws` (its server made with `autoPong: false`): every ping and pong is
 * an inbound message for `account`, and a ping is answered only while the socket's send buffer holds at most
 * `maxBufferedBytes`. A client that pings without reading, or pings faster than its budget, gets no pong that
 * would wait in memory for it; what it costs the server is bounded by configuration, not by what it sends.
 */
export function answerControlFrames(
  socket: ControlledSocket,
  account: ControlFrameAccount,
  maxBufferedBytes: number,
): void {
  socket.on('ping', (data: Buffer) => {
    if (!account.admit()) return;
    if (socket.readyState !== OPEN || socket.bufferedAmount > maxBufferedBytes) return;
    socket.pong(data);
  });
  socket.on('pong', () => void account.admit());
}

/** How long a socket closed for flooding gets to complete the closing handshake before it is dropped. */
const FLOOD_CLOSE_GRACE_MS = 1000;

/** The parts of a `ws` socket a flood close uses. */
export type FloodedSocket = Pick<WebSocket, 'pause' | 'close' | 'terminate'>;

/**
 * An account over a message budget alone, for a socket that has no dispatcher (yet): a flood stops reading the
 * socket, closes it with 4008 (`RATE_LIMIT_EXCEEDED`) and drops it if it has not finished closing in a second,
 * as the dispatcher does for a message flood. `budget` is asked on each frame, so it may be shared with the
 * dispatcher that takes over later; null means no message limit.
 */
export function budgetAccount(
  socket: FloodedSocket,
  budget: () => MessageBudget | null,
): ControlFrameAccount {
  let flooded = false;
  return {
    admit() {
      if (flooded) return false;
      const verdict = budget()?.take() ?? 'ok';
      if (verdict !== 'flood') return verdict === 'ok';
      flooded = true;
      socket.pause();
      socket.close(CloseCode.RATE_LIMIT_EXCEEDED, 'message flood');
      setTimeout(() => socket.terminate(), FLOOD_CLOSE_GRACE_MS).unref();
      return false;
    },
  };
}
