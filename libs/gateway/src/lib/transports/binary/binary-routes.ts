import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@pulse/auth';
import type { IncomingMessage } from 'node:http';
import type { BinaryConnection } from './binary-connection';

/** A route's answer before the 101: what the connection will carry, or the HTTP refusal. */
export type BinaryAdmission<T> =
  | { readonly ok: true; readonly admitted: T }
  | {
      readonly ok: false;
      readonly status: 400 | 403 | 404;
      /** Counted in `pulse_upgrades_refused_total{reason}`; never a credential. */
      readonly reason: string;
    };

/**
 * A WebSocket endpoint that speaks its own binary protocol (y-websocket's, for example) instead of Pulse's JSON
 * messages, under a path prefix: `/collab/` serves `/collab/<anything>`. Its upgrades pass the same decision as
 * `/ws` (draining, origin, ticket, caps, the per-address refusal budget) before the 101, then the route's own
 * `admit`; the route only sees connections that passed both.
 */
export interface BinaryRoute<T = unknown> {
  /** Starts and ends with `/`, for example `/collab/`. */
  readonly prefix: string;
  /** Decides, for a user who passed the gate, what follows the prefix in the path (still URL-encoded). */
  admit(user: AuthenticatedUser, path: string): Promise<BinaryAdmission<T>>;
  /**
   * Told of each accepted connection with what `admit` answered. Runs once, before any frame of the connection is
   * delivered.
   */
  accept(connection: BinaryConnection, admitted: T, request: IncomingMessage): void;
}

/** The binary routes of this app, registered by feature modules (`onModuleInit`) and matched by `PulseAdapter`. */
@Injectable()
export class BinaryRoutes {
  private readonly routes: BinaryRoute[] = [];

  register<T>(route: BinaryRoute<T>): void {
    // `accept` is a method, so a route of any `T` is a `BinaryRoute`; the adapter hands it what its `admit` gave.
    if (!/^\/[^?#]*\/$/.test(route.prefix))
      throw new Error(`a binary route's prefix starts and ends with "/": ${route.prefix}`);
    if (this.routes.some((known) => known.prefix === route.prefix))
      throw new Error(`binary route ${route.prefix} is registered twice`);
    this.routes.push(route);
  }

  /** The route serving `pathname`, if one does: a path with something after the prefix. */
  match(pathname: string): BinaryRoute | undefined {
    return this.routes.find(
      (route) => pathname.startsWith(route.prefix) && pathname.length > route.prefix.length,
    );
  }
}
