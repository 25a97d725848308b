import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AuthenticatedUser } from '@pulse/auth';
import { encodingOf, MSGPACK_PROTOCOL, PROTOCOL_VERSION } from '@pulse/protocol';
import { STATUS_CODES, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import type { ServerOptions, WebSocket, WebSocketServer } from 'ws';
import { logFieldsOf } from '../../connection/log-fields';
import type { GatewayRoute } from '../../dispatch/handlers/gateway-handlers';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../../gateway-options';
import { PulseMetrics } from '../../metrics/pulse-metrics';
import { ConnectionAdmission } from '../connection-admission';
import { ConnectionDispatchers } from '../connection-dispatchers';
import type { UpgradeGate } from '../upgrade-gate';
import { answerControlFrames } from './control-frames';
import { WsConnection } from './ws-connection';

type VerifyCallback = (
  result: boolean,
  code?: number,
  message?: string,
  headers?: OutgoingHttpHeaders,
) => void;

const USER = Symbol('pulse.upgradeUser');
type GatedRequest = IncomingMessage & { [USER]?: AuthenticatedUser };

/** The subprotocols `/ws` speaks: JSON text frames (the default, also without any), or MessagePack binary frames. */
const SPOKEN_PROTOCOLS: ReadonlySet<string> = new Set([PROTOCOL_VERSION, MSGPACK_PROTOCOL]);

/** The `ws` server settings of a native server, besides the gate and subprotocols. */
export type WsServerSettings = Pick<
  ServerOptions,
  'maxPayload' | 'perMessageDeflate' | 'clientTracking' | 'allowSynchronousEvents' | 'autoPong'
> &
  Required<Pick<ServerOptions, 'verifyClient' | 'handleProtocols'>>;

/**
 * The native WebSocket transport (`/ws` and any other path a gateway declares): the `ws` server's settings, the
 * decision before the 101 (a subprotocol it speaks, then `gate`), and each accepted socket wired to a
 * `WsConnection` and the route's dispatcher. Frames go straight from `ws`'s `message` event to the dispatcher.
 */
@Injectable()
export class WsTransport {
  private readonly log = new Logger('Transports');

  constructor(
    private readonly admission: ConnectionAdmission,
    private readonly dispatchers: ConnectionDispatchers,
    private readonly metrics: PulseMetrics,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
  ) {}

  /** What to make a native server with, so that only connections `gate` lets in open. */
  serverSettings(gate: UpgradeGate): WsServerSettings {
    return {
      maxPayload: this.options.maxPayloadBytes,
      perMessageDeflate: false,
      // `@WebSocketServer()` gives this server: its `clients` are the open sockets, as with Nest's own WsAdapter.
      clientTracking: true,
      // A burst in one TCP read is handled in one turn (no setImmediate per message); the per-connection
      // message budget is what stops one socket from holding up the others.
      allowSynchronousEvents: true,
      // Pings are inbound messages: answered by `answerControlFrames`, within the budget and the send buffer.
      autoPong: false,
      verifyClient: (info: { req: GatedRequest }, callback: VerifyCallback) =>
        this.verify(gate, info.req, callback),
      handleProtocols: (offered: Set<string>) =>
        offered.has(MSGPACK_PROTOCOL)
          ? MSGPACK_PROTOCOL
          : offered.has(PROTOCOL_VERSION)
            ? PROTOCOL_VERSION
            : false,
    };
  }

  /** Serves the connections `server` (made with `serverSettings`) opens with `route`'s gateways. */
  serve(server: WebSocketServer, route: GatewayRoute): void {
    server.on('connection', (socket: WebSocket, request: GatedRequest) =>
      this.accept(socket, request, route),
    );
  }

  private verify(gate: UpgradeGate, request: GatedRequest, callback: VerifyCallback): void {
    const offered = request.headers['sec-websocket-protocol'];
    if (offered !== undefined && !offered.split(',').some((name) => SPOKEN_PROTOCOLS.has(name.trim()))) {
      this.metrics.upgradesRefused.inc({ reason: 'protocol-version' });
      return callback(
        false,
        400,
        `unsupported protocol version; this server speaks ${PROTOCOL_VERSION} (JSON) or ${MSGPACK_PROTOCOL}`,
      );
    }
    void gate.decide(request).then((answer) => {
      if (!answer.ok) return callback(false, answer.status, STATUS_CODES[answer.status], answer.headers);
      request[USER] = answer.user;
      callback(true);
    });
  }

  private accept(socket: WebSocket, request: GatedRequest, { handlers, hooks }: GatewayRoute): void {
    const user = request[USER];
    if (!user) return socket.terminate();
    const connection = new WsConnection(
      socket,
      user,
      this.options.sendBudget,
      request.socket,
      encodingOf(socket.protocol),
    );
    if (!this.admission.admit(socket, connection, request.headers.origin))
      return void socket.on('error', () => undefined);
    const dispatcher = this.dispatchers.dispatcherFor(socket, connection, handlers);
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) dispatcher.dispatchText(data.toString('utf8'));
      else if (connection.encoding === 'msgpack') dispatcher.dispatchMsgpack(data);
      else dispatcher.dispatchBinary();
    });
    answerControlFrames(socket, dispatcher, this.options.sendBudget.highWaterBytes);
    socket.on('error', (error: Error) =>
      this.log.debug({ msg: `socket error: ${error.message}`, ...logFieldsOf(connection) }),
    );
    socket.on('close', (code: number) => {
      connection.closed();
      this.admission.released(connection, code);
      hooks.disconnected(socket);
    });
    hooks.connected(socket, request);
  }
}
