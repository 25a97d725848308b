import { Logger } from '@nestjs/common';
import { type DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { CompiledHandler } from './compiled-handler';
import { ConnectionHooks } from './connection-hooks';
import type { HandlerCompiler } from './handler-compiler';
import { NestMetadata, normalizedPath } from './nest-metadata';

export type HandlerTable = ReadonlyMap<string, CompiledHandler>;

/** What serves the connections of one server: its gateways' compiled handlers and their connection hooks. */
export interface GatewayRoute {
  readonly handlers: HandlerTable;
  readonly hooks: ConnectionHooks;
}

interface RouteBuilder {
  readonly handlers: Map<string, CompiledHandler>;
  readonly gateways: object[];
}

/**
 * Every gateway's message handlers, compiled once at startup and shared by all connections, and their
 * connection hooks: by the path of the native server they serve, and all together for Socket.IO (where every
 * gateway is bound).
 * The gateways are found through Nest's `DiscoveryService` (every provider marked `@WebSocketGateway`), in the
 * order Nest binds them, so when two gateways subscribe to the same type the one Nest binds last wins.
 */
export class GatewayHandlers {
  private readonly byPath: ReadonlyMap<string, GatewayRoute>;
  /** Every gateway's handlers and hooks: what a Socket.IO connection reaches. */
  readonly all: GatewayRoute;

  private constructor(paths: ReadonlyMap<string, RouteBuilder>, all: RouteBuilder) {
    this.byPath = new Map([...paths].map(([path, route]) => [path, routeOf(route)]));
    this.all = routeOf(all);
  }

  static discover(discovery: DiscoveryService, compiler: HandlerCompiler): GatewayHandlers {
    const scanner = new MetadataScanner();
    const paths = new Map<string, RouteBuilder>();
    const all: RouteBuilder = { handlers: new Map(), gateways: [] };
    for (const wrapper of discovery.getProviders()) {
      const { instance, metatype } = wrapper;
      if (!instance || !metatype || !Reflect.getMetadata(NestMetadata.gateway, metatype)) continue;
      const gateway = instance as object;
      const options = (Reflect.getMetadata(NestMetadata.gatewayOptions, metatype) ?? {}) as { path?: string };
      const path = normalizedPath(options.path);
      let route = paths.get(path);
      if (!route) paths.set(path, (route = { handlers: new Map(), gateways: [] }));
      route.gateways.push(gateway);
      all.gateways.push(gateway);
      for (const methodName of scanner.getAllMethodNames(Object.getPrototypeOf(gateway) as object)) {
        const method = (gateway as Record<string, unknown>)[methodName];
        if (typeof method !== 'function' || !Reflect.getMetadata(NestMetadata.messageMapping, method))
          continue;
        const type = String(Reflect.getMetadata(NestMetadata.message, method));
        if (route.handlers.has(type)) {
          new Logger('Gateways').warn(
            `"${type}" has handlers in more than one gateway on ${path}; ${gateway.constructor.name}'s is used`,
          );
        }
        const handler = compiler.compile({
          instance: gateway,
          methodName,
          pattern: type,
          host: wrapper.host,
        });
        route.handlers.set(type, handler);
        all.handlers.set(type, handler);
      }
    }
    return new GatewayHandlers(paths, all);
  }

  /** The handlers and hooks of the native server at `path` (none for a path no gateway serves). */
  forPath(path: string | undefined): GatewayRoute {
    return this.byPath.get(normalizedPath(path)) ?? routeOf({ handlers: new Map(), gateways: [] });
  }
}

function routeOf(route: RouteBuilder): GatewayRoute {
  return { handlers: route.handlers, hooks: new ConnectionHooks(route.gateways) };
}
