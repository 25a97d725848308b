import { Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import { DiscoveryService, ExternalContextCreator } from '@nestjs/core';
import { isBeforeHandle } from '../dispatch/handlers/before-handle';
import { GatewayHandlers, type GatewayRoute } from '../dispatch/handlers/gateway-handlers';
import { HandlerCompiler } from '../dispatch/handlers/handler-compiler';
import { HEARTBEAT_INTERCEPTOR } from '../heartbeat/heartbeat.interceptor';

/**
 * The app's gateways' handlers, compiled on first use: by then Nest has created every gateway (the adapter asks
 * while it sets the gateways up, in `init()`). The module's heartbeat interceptor runs in place when it is
 * synchronous (`BeforeHandleInterceptor`); any other is an `APP_INTERCEPTOR` on Nest's path.
 */
@Injectable()
export class GatewayRoutes {
  private compiled?: GatewayHandlers;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly contexts: ExternalContextCreator,
    @Inject(HEARTBEAT_INTERCEPTOR) private readonly heartbeat: NestInterceptor,
  ) {}

  /** What a native server at `path` serves: the gateways declared on that path. */
  forPath(path: string | undefined): GatewayRoute {
    return this.handlers().forPath(path);
  }

  /** What a Socket.IO connection reaches: every gateway. */
  get all(): GatewayRoute {
    return this.handlers().all;
  }

  private handlers(): GatewayHandlers {
    if (this.compiled) return this.compiled;
    const inPlace = isBeforeHandle(this.heartbeat) ? [this.heartbeat] : [];
    const compiler = new HandlerCompiler(this.contexts, inPlace);
    return (this.compiled = GatewayHandlers.discover(this.discovery, compiler));
  }
}
