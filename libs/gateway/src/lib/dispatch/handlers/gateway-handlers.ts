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

/**
 * Every gateway's message handlers, compiled once at startup and shared by all connections, and their
 * connection hooks: by the path of the native server they serve, and all together for Socket.IO (where every
 * gateway is bound).
 * The gateways are found as Nest finds them (every provider of every module marked `@WebSocketGateway`), in
 * the same order, so when two gateways subscribe to the same type the one Nest binds last wins, as before.
 */
export class GatewayHandlers {
  private readonly byPath = new Map<string, Map<string, CompiledHandler>>();
  private readonly gatewaysByPath = new Map<string, object[]>();
  readonly all = new Map<string, CompiledHandler>();
  private readonly gateways: object[] = [];

  static discover(container: NestContainer): GatewayHandlers {
    const table = new GatewayHandlers();
    const compiler = new HandlerCompiler(container);
    const explorer = new GatewayMetadataExplorer(new MetadataScanner());
    for (const [moduleKey, { providers }] of container.getModules()) {
      for (const wrapper of providers.values()) {
        const { instance, metatype } = wrapper;
        if (!instance || !metatype || wrapper.isNotMetatype || !Reflect.getMetadata(GATEWAY_METADATA, metatype)) continue;
        const options = (Reflect.getMetadata(GATEWAY_OPTIONS, metatype) ?? {}) as { path?: string };
        table.addGateway(normalizePath(options.path), instance as object);
        for (const { message, methodName } of explorer.explore(instance as object)) {
          const type = String(message);
          table.add(normalizePath(options.path), type, compiler.compile(instance as object, methodName, type, moduleKey), (metatype as { name: string }).name);
        }
      }
    }
    return table;
  }

  forPath(path: string | undefined): HandlerTable {
    return this.byPath.get(normalizePath(path)) ?? new Map();
  }

  /** The connection hooks of the gateways on the native server at `path`. */
  hooksForPath(path: string | undefined): ConnectionHooks {
    return new ConnectionHooks(this.gatewaysByPath.get(normalizePath(path)) ?? []);
  }

  /** The connection hooks of every gateway (Socket.IO connections reach them all). */
  allHooks(): ConnectionHooks {
    return new ConnectionHooks(this.gateways);
  }

  private addGateway(path: string, gateway: object): void {
    const onPath = this.gatewaysByPath.get(path) ?? [];
    this.gatewaysByPath.set(path, [...onPath, gateway]);
    this.gateways.push(gateway);
  }

  private add(path: string, type: string, handler: CompiledHandler, gateway: string): void {
    let handlers = this.byPath.get(path);
    if (!handlers) this.byPath.set(path, (handlers = new Map()));
    if (handlers.has(type)) new Logger('Gateways').warn(`"${type}" has handlers in more than one gateway on ${path}; ${gateway}'s is used`);
    handlers.set(type, handler);
    this.all.set(type, handler);
  }
}
