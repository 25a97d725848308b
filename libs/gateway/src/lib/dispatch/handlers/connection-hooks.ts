import { Logger } from '@nestjs/common';
import type { OnGatewayConnection, OnGatewayDisconnect } from '@nestjs/websockets';

type Gateway = Partial<OnGatewayConnection & OnGatewayDisconnect> & object;

/**
 * The `handleConnection` / `handleDisconnect` hooks of the gateways on one server, called by the transport
 * for each connection (Nest's own binding costs a closure, a listener and an RxJS subject turn per gateway per
 * connection, hook or not). Called with what Nest passes: `(client, request)` on the native transport,
 * `(socket)` on Socket.IO, then `(client)` on close. A hook that throws or rejects is logged; the connection
 * and the other hooks go on.
 */
export class ConnectionHooks {
  private readonly log = new Logger('Gateways');
  private readonly onConnect: Gateway[];
  private readonly onDisconnect: Gateway[];

  constructor(gateways: readonly object[]) {
    this.onConnect = gateways.filter((gateway: Gateway) => typeof gateway.handleConnection === 'function');
    this.onDisconnect = gateways.filter((gateway: Gateway) => typeof gateway.handleDisconnect === 'function');
  }

  get empty(): boolean {
    return this.onConnect.length === 0 && this.onDisconnect.length === 0;
  }

  connected(client: object, ...args: unknown[]): void {
    for (const gateway of this.onConnect)
      this.run(gateway, 'handleConnection', () => gateway.handleConnection?.(client, ...args));
  }

  disconnected(client: object): void {
    for (const gateway of this.onDisconnect)
      this.run(gateway, 'handleDisconnect', () => gateway.handleDisconnect?.(client));
  }

  private run(gateway: object, hook: string, call: () => unknown): void {
    const failed = (error: unknown): void =>
      this.log.error({
        msg: `${gateway.constructor.name}.${hook} failed`,
        err: error instanceof Error ? error : String(error),
      });
    try {
      const result = call();
      if (result instanceof Promise) result.catch(failed);
    } catch (error) {
      failed(error);
    }
  }
}
