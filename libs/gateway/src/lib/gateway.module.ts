import {
  type DynamicModule,
  Global,
  Inject,
  Module,
  type NestInterceptor,
  type OnApplicationShutdown,
  Optional,
  type Provider,
  type Type,
} from '@nestjs/common';
import { APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { BeforeHandleInterceptor } from './dispatch/handlers/before-handle';
import { IDEMPOTENCY_STORE } from './acks/idempotency.store';
import { InMemoryIdempotencyStore } from './acks/in-memory-idempotency.store';
import { RedisIdempotencyStore } from './acks/redis-idempotency.store';
import { ConnectionRegistry } from './connection/connection-registry';
import { PubSubLagMetrics } from './metrics/pubsub-lag.metrics';
import { PulseMetrics } from './metrics/pulse-metrics';
import { DrainService } from './drain/drain.service';
import { ProtocolExceptionFilter } from './errors/protocol-exception.filter';
import { LocalRoomBus } from './fanout/local-room.bus';
import { ROOM_BUS } from './fanout/room-bus';
import { PubSubLagProbe } from './fanout/pubsub-lag.probe';
import { RedisRoomBus } from './fanout/redis-room.bus';
import { DEFAULT_GATEWAY_OPTIONS, GATEWAY_OPTIONS, type GatewayOptions } from './gateway-options';
import { HEARTBEAT_INTERCEPTOR, HeartbeatInterceptor } from './heartbeat/heartbeat.interceptor';
import { HeartbeatService } from './heartbeat/heartbeat.service';
import { InMemoryRoomHistory } from './history/in-memory-room.history';
import { RedisRoomHistory } from './history/redis-room.history';
import { ROOM_HISTORY } from './history/room-history';
import { RoomJoiner } from './history/room-joiner';
import { BatchingGateway } from './batching/batching.gateway';
import { PingGateway } from './liveness/ping.gateway';
import { REDIS_CLIENTS, RedisClients } from './redis/redis-clients';
import { RoomsService } from './rooms/rooms.service';
import { InMemorySequencedRoom } from './sequenced-room/in-memory-sequenced-room';
import { RedisSequencedRoom } from './sequenced-room/redis-sequenced-room';
import { SEQUENCED_ROOM } from './sequenced-room/sequenced-room';
import { NodeLiveness } from './cluster/node-liveness';
import { BinaryRoutes } from './transports/binary/binary-routes';
import { PulseSocketIo } from './transports/socket-io/pulse-socket-io';
import { TRANSPORT_PROVIDERS } from './transports/transport.providers';
import { ACCESS_EXPORTS, accessProviders, type AccessOptions } from './sessions/access.providers';

function redisProviders(options: GatewayOptions): Provider[] {
  const redis = options.redis;
  if (!redis) {
    return [
      { provide: ROOM_HISTORY, useFactory: () => new InMemoryRoomHistory(options.history) },
      { provide: ROOM_BUS, useFactory: () => new LocalRoomBus() },
      {
        provide: SEQUENCED_ROOM,
        useFactory: (bus: LocalRoomBus, history: InMemoryRoomHistory, rooms: RoomsService) =>
          new InMemorySequencedRoom(bus, history, rooms),
        inject: [ROOM_BUS, ROOM_HISTORY, RoomsService],
      },
      { provide: REDIS_CLIENTS, useValue: null },
      { provide: IDEMPOTENCY_STORE, useFactory: () => new InMemoryIdempotencyStore(options.idempotency) },
    ];
  }
  return [
    {
      provide: ROOM_HISTORY,
      useFactory: (clients: RedisClients) => new RedisRoomHistory(clients.command, options.history),
      inject: [REDIS_CLIENTS],
    },
    {
      provide: IDEMPOTENCY_STORE,
      useFactory: (clients: RedisClients) => new RedisIdempotencyStore(clients.command, options.idempotency),
      inject: [REDIS_CLIENTS],
    },
    {
      provide: REDIS_CLIENTS,
      useFactory: async () => {
        const clients = new RedisClients(redis.target, {
          shardedPubSub: redis.shardedPubSub,
          replicaAcks: redis.replicaAcks,
        });
        await clients.connect();
        return clients;
      },
    },
    {
      provide: ROOM_BUS,
      useFactory: (clients: RedisClients) =>
        new RedisRoomBus(clients.command, clients.subscriber, { sharded: redis.shardedPubSub }),
      inject: [REDIS_CLIENTS],
    },
    {
      provide: SEQUENCED_ROOM,
      useFactory: (clients: RedisClients, rooms: RoomsService) =>
        new RedisSequencedRoom(
          clients.command,
          { shardedPubSub: redis.shardedPubSub, history: options.history, replicaAcks: clients.replicaAcks },
          rooms,
        ),
      inject: [REDIS_CLIENTS, RoomsService],
    },
    {
      provide: PubSubLagProbe,
      useFactory: (clients: RedisClients, metrics: PulseMetrics) =>
        new PubSubLagProbe(clients.command, clients.subscriber, new PubSubLagMetrics(metrics.registry), {
          sharded: redis.shardedPubSub,
        }),
      inject: [REDIS_CLIENTS, PulseMetrics],
    },
  ];
}

/**
 * The real-time core: connections, heartbeat (the service and its interceptor), rooms and fan-out, and the app-level ping. In memory on one
 * node, or shared through Redis when `redis` is given. Use with `app.useWebSocketAdapter(new PulseAdapter(app))`.
 */
function runsInPlace(interceptor: Type<NestInterceptor>): boolean {
  return (
    interceptor.prototype instanceof BeforeHandleInterceptor &&
    interceptor.prototype.intercept === BeforeHandleInterceptor.prototype.intercept
  );
}

@Global()
@Module({})
export class PulseGatewayModule implements OnApplicationShutdown {
  constructor(@Optional() @Inject(REDIS_CLIENTS) private readonly redis: RedisClients | null) {}

  static forRoot(options: Partial<GatewayOptions> = {}, access: AccessOptions = {}): DynamicModule {
    const resolved: GatewayOptions = { ...DEFAULT_GATEWAY_OPTIONS, ...options };
    const heartbeat = resolved.heartbeatInterceptor ?? HeartbeatInterceptor;
    const providers: Provider[] = [
      { provide: GATEWAY_OPTIONS, useValue: resolved },
      ...redisProviders(resolved),
      ConnectionRegistry,
      HeartbeatService,
      RoomsService,
      NodeLiveness,
      PulseMetrics,
      RoomJoiner,
      DrainService,
      BinaryRoutes,
      PulseSocketIo,
      ProtocolExceptionFilter,
      // Applied to every gateway handler; a team's own replaces it through the option. A synchronous one
      // (BeforeHandleInterceptor) is run in place by PulseAdapter; any other goes on Nest's path as APP_INTERCEPTOR.
      { provide: HEARTBEAT_INTERCEPTOR, useClass: heartbeat },
      ...(runsInPlace(heartbeat) ? [] : [{ provide: APP_INTERCEPTOR, useExisting: HEARTBEAT_INTERCEPTOR }]),
    ];
    return {
      module: PulseGatewayModule,
      imports: [DiscoveryModule],
      providers: [
        ...providers,
        ...accessProviders(access),
        ...TRANSPORT_PROVIDERS,
        PingGateway,
        BatchingGateway,
      ],
      exports: [
        GATEWAY_OPTIONS,
        REDIS_CLIENTS,
        ROOM_BUS,
        ROOM_HISTORY,
        SEQUENCED_ROOM,
        IDEMPOTENCY_STORE,
        ConnectionRegistry,
        HeartbeatService,
        HEARTBEAT_INTERCEPTOR,
        RoomsService,
        NodeLiveness,
        PulseMetrics,
        RoomJoiner,
        DrainService,
        BinaryRoutes,
        PulseSocketIo,
        ProtocolExceptionFilter,
        ...ACCESS_EXPORTS,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.close();
  }
}
