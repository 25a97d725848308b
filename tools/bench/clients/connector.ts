import { MSGPACK_PROTOCOL, PROTOCOL_VERSION, type PulsePaths } from '@pulse/protocol';
import type { ServerKind } from '../servers/server-kind';
import type { BenchClient, ClientSink } from './bench-client';
import { PulseSocketIoClient } from './pulse-socket-io.client';
import { SocketIoBenchClient } from './socket-io.client';
import { requestTicket } from './ticket-request';
import { TokenMinter, userId } from './user-identity';
import { WsFrameClient } from './ws-frame.client';

const WS_PATH: (typeof PulsePaths)['websocket'] = '/ws';

export interface ConnectorOptions {
  sink: ClientSink;
  jwtSecret: string;
  /** Pulse over `/ws` only: per-tick batching each client asks for after the upgrade. @default 0 (off) */
  batchHz?: number;
  /** Pulse over `/ws` only: offer `pulse.v1.msgpack` and speak MessagePack binary frames. @default 'json' */
  encoding?: 'json' | 'msgpack';
  /** Pads user ids to this length to grow relayed frames. @default 0 */
  idPadTo?: number;
  /** Bound on each step of opening one client. @default 15000 */
  timeoutMs?: number;
}

/** Opens simulated clients against one kind of server, the way a real client of that server would. */
export interface Connector {
  readonly kind: ServerKind;
  /** The user id of client `index`: the `player` its relayed moves carry. */
  user(index: number): string;
  /** Does the per-client work that is not part of connecting (minting access tokens) ahead of time. */
  prepare(count: number): void;
  /** Pulse: ticket (with the client's own JWT), then the upgrade or Socket.IO handshake. Baselines: the bare upgrade. */
  open(index: number, baseUrl: string): Promise<BenchClient>;
  /** Pulse: client `index`'s `POST /auth/ticket` alone (the reconnect storm's first connection opens its own socket). */
  ticket?(index: number, baseUrl: string): Promise<string>;
}

function wsUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/^http/, 'ws') + path;
}

export function connectorFor(kind: ServerKind, options: ConnectorOptions): Connector {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const user = (index: number): string => userId(index, options.idPadTo);
  switch (kind) {
    case 'pulse':
    case 'pulse-sio': {
      const minter = TokenMinter.forSecret(options.jwtSecret);
      return {
        kind,
        user,
        prepare: (count) => {
          for (let index = 0; index < count; index++) minter.tokenFor(user(index));
        },
        ticket: (index, baseUrl) => requestTicket(baseUrl, minter.tokenFor(user(index)), timeoutMs),
        open: async (index, baseUrl) => {
          const ticket = await requestTicket(baseUrl, minter.tokenFor(user(index)), timeoutMs);
          if (kind === 'pulse-sio') return PulseSocketIoClient.open(baseUrl, ticket, options.sink, timeoutMs);
          const protocol = options.encoding === 'msgpack' ? MSGPACK_PROTOCOL : PROTOCOL_VERSION;
          return WsFrameClient.open(
            `${wsUrl(baseUrl, WS_PATH)}?ticket=${encodeURIComponent(ticket)}`,
            options.sink,
            timeoutMs,
            protocol,
            options.batchHz,
          );
        },
      };
    }
    case 'ws':
      return {
        kind,
        user,
        prepare: () => undefined,
        open: (index, baseUrl) =>
          WsFrameClient.open(
            `${wsUrl(baseUrl, '/')}?user=${encodeURIComponent(user(index))}`,
            options.sink,
            timeoutMs,
          ),
      };
    case 'socket.io':
      return {
        kind,
        user,
        prepare: () => undefined,
        open: (index, baseUrl) => SocketIoBenchClient.open(baseUrl, user(index), options.sink, timeoutMs),
      };
  }
}
