import { Inject, Injectable, Logger } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { logFieldsOf } from '../../connection/log-fields';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../../gateway-options';
import { PulseMetrics } from '../../metrics/pulse-metrics';
import { ConnectionAdmission } from '../connection-admission';
import { ConnectionDispatchers } from '../connection-dispatchers';
import type { UpgradeGate } from '../upgrade-gate';
import { answerControlFrames, budgetAccount } from '../ws/control-frames';
import { BinaryConnection } from './binary-connection';
import { BinaryRoutes, type BinaryRoute } from './binary-routes';
import { refuseUpgrade } from './upgrade-refusal';

/**
 * The WebSocket endpoints of the `BinaryRoutes` (`/collab/<document>`): an upgrade passes `gate`, then the route's
 * own `admit`, before the 101; the route then gets a `BinaryConnection` whose frames count against the
 * connection's message budget, control frames included.
 */
@Injectable()
export class BinaryTransport {
  private readonly log = new Logger('Transports');
  private server?: WebSocketServer;

  constructor(
    private readonly routes: BinaryRoutes,
    private readonly admission: ConnectionAdmission,
    private readonly dispatchers: ConnectionDispatchers,
    private readonly metrics: PulseMetrics,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
  ) {}

  /** The route serving an upgrade to `pathname`, if one does. */
  routeFor(pathname: string): BinaryRoute | undefined {
    return this.routes.match(pathname);
  }

  async upgrade(
    gate: UpgradeGate,
    route: BinaryRoute,
    pathname: string,
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
  ): Promise<void> {
    const answer = await gate.decide(request);
    if (!answer.ok) return refuseUpgrade(socket, answer.status, answer.headers);
    const path = pathname.slice(route.prefix.length);
    const admission = await route.admit(answer.user, path).catch((error: unknown) => {
      this.log.error(
        `${route.prefix} admission failed: ${error instanceof Error ? error.message : 'unknown error'}`,
      );
      return { ok: false, status: 503, reason: 'admission-failed' } as const;
    });
    if (!admission.ok) {
      this.metrics.upgradesRefused.inc({ reason: admission.reason });
      return refuseUpgrade(socket, admission.status);
    }
    if (socket.destroyed) return;
    this.webSocketServer().handleUpgrade(request, socket, head, (ws: WebSocket) => {
      const connection = new BinaryConnection(ws, answer.user, path, this.options.sendBudget);
      if (!this.admission.admit(ws, connection, request.headers.origin))
        return void ws.on('error', () => undefined);
      this.read(ws, connection);
      route.accept(connection, admission.admitted, request);
    });
  }

  private read(ws: WebSocket, connection: BinaryConnection): void {
    const budget = this.dispatchers.budget();
    const account = budgetAccount(ws, () => budget);
    ws.on('message', (data: Buffer, isBinary: boolean) =>
      connection.received(data, isBinary, !account.admit()),
    );
    // A pong (or ping) is a sign of life too: an editor nobody types in stays connected.
    const controlFrames = {
      admit: () => {
        connection.markAlive();
        return account.admit();
      },
    };
    answerControlFrames(ws, controlFrames, this.options.sendBudget.highWaterBytes);
    ws.on('error', (error: Error) =>
      this.log.debug({ msg: `socket error: ${error.message}`, ...logFieldsOf(connection) }),
    );
    ws.on('close', (code: number) => {
      this.admission.released(connection, code);
      connection.closed();
    });
  }

  private webSocketServer(): WebSocketServer {
    return (this.server ??= new WebSocketServer({
      noServer: true,
      maxPayload: this.options.maxPayloadBytes,
      perMessageDeflate: false,
      clientTracking: false,
      autoPong: false,
    }));
  }
}
