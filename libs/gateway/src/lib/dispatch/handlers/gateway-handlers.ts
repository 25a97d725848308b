import { Logger } from '@nestjs/common';
import { normalizePath } from '@nestjs/common/utils/shared.utils';
import { MetadataScanner } from '@nestjs/core';
import type { NestContainer } from '@nestjs/core/injector/container';
import { GATEWAY_METADATA, GATEWAY_OPTIONS } from '@nestjs/websockets/constants';
import { GatewayMetadataExplorer } from '@nestjs/websockets/gateway-metadata-explorer';
import type { CompiledHandler } from './compiled-handler';
import { ConnectionHooks } from './connection-hooks';
import { HandlerCompiler } from './handler-compiler';

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
 * The gateways are found as Nest finds them (every provider of every module marked `@WebSocketGateway`), in
 * the same order, so when two gateways subscribe to the same type the one Nest binds last wins, as before.
 */
export class GatewayHandlers {
  private readonly byPath: ReadonlyMap<string, GatewayRoute>;
  /** Every gateway's handlers and hooks: what a Socket.IO connection reaches. */
  readonly all: GatewayRoute;

  private constructor(paths: ReadonlyMap<string, RouteBuilder>, all: RouteBuilder) {
    this.byPath = new Map([...paths].map(([path, route]) => [path, routeOf(route)]));
    this.all = routeOf(all);
  }

  static discover(container: NestContainer): GatewayHandlers {
    const compiler = new HandlerCompiler(container);
    const explorer = new GatewayMetadataExplorer(new MetadataScanner());
    const paths = new Map<string, RouteBuilder>();
    const all: RouteBuilder = { handlers: new Map(), gateways: [] };
    for (const [moduleKey, { providers }] of container.getModules()) {
      for (const wrapper of providers.values()) {
        const { instance, metatype } = wrapper;
        if (!instance || !metatype || wrapper.isNotMetatype || !Reflect.getMetadata(GATEWAY_METADATA, metatype)) continue;
        const path = normalizePath(((Reflect.getMetadata(GATEWAY_OPTIONS, metatype) ?? {}) as { path?: string }).path);
        let route = paths.get(path);
        if (!route) paths.set(path, (route = { handlers: new Map(), gateways: [] }));
        route.gateways.push(instance);
        all.gateways.push(instance);
        for (const { message, methodName } of explorer.explore(instance as object)) {
          const type = String(message);
          if (route.handlers.has(type)) {
            new Logger('Gateways').warn(`"${type}" has handlers in more than one gateway on ${path}; ${(metatype as { name: string }).name}'s is used`);
          }
          const handler = compiler.compile(instance as object, methodName, type, moduleKey);
          route.handlers.set(type, handler);
          all.handlers.set(type, handler);
        }
      }
    }
    return new GatewayHandlers(paths, all);
  }

  /** The handlers and hooks of the native server at `path` (none for a path no gateway serves). */
  forPath(path: string | undefined): GatewayRoute {
    return this.byPath.get(normalizePath(path)) ?? routeOf({ handlers: new Map(), gateways: [] });
  }
}

function routeOf(route: RouteBuilder): GatewayRoute {
  return { handlers: route.handlers, hooks: new ConnectionHooks(route.gateways) };
}
