import { type DynamicModule, Module } from '@nestjs/common';
import { NodeLiveness, REDIS_CLIENTS, ROOM_POLICY, type RedisClients, type RoomPolicy } from '@pulse/gateway';
import { COLLAB_BUS } from './collab-bus';
import { COLLAB_DOCUMENT_STORE, COLLAB_RETENTION, type CollabRetention } from './collab-document.store';
import { COLLAB_NODE_ID, CollabDocuments } from './collab-documents.service';
import { CollabAccessController } from './collab-access.controller';
import { CollabMetrics } from './collab.metrics';
import { CollabRoute } from './collab.route';
import {
  DOCUMENT_POLICY,
  RoomDocumentPolicy,
  type DocumentPolicy,
  type ReadOnlyPrefixRule,
} from './document-access.policy';
import { InMemoryCollabDocumentStore } from './in-memory-collab-document.store';
import { RedisCollabBus } from './redis-collab.bus';
import { RedisCollabDocumentStore } from './redis-collab-document.store';

export interface CollabModuleOptions {
  /** Redis Cluster sharded pub/sub between nodes. @default false */
  readonly shardedPubSub: boolean;
  /** Documents everyone who may read them follows read-only, except the rule's role. @default [] */
  readonly readOnly?: readonly ReadOnlyPrefixRule[];
  /** Decides access instead of the room policy and `readOnly`. @default new RoomDocumentPolicy(ROOM_POLICY, readOnly) */
  readonly policy?: DocumentPolicy;
  /** Removes a document idle this long with no client on any node. @default undefined: documents are kept */
  readonly idleExpiryMs?: number;
}

/**
 * Shared Yjs documents at `/collab/<document>` (the y-websocket protocol): in memory on one node, or in Redis and
 * shared by every node with `REDIS_URL`.
 */
@Module({})
export class CollabModule {
  static forRoot(options: CollabModuleOptions): DynamicModule {
    return {
      module: CollabModule,
      controllers: [CollabAccessController],
      providers: [
        {
          provide: COLLAB_NODE_ID,
          useFactory: (liveness: NodeLiveness) => liveness.nodeId,
          inject: [NodeLiveness],
        },
        {
          provide: COLLAB_RETENTION,
          useValue: { idleExpiryMs: options.idleExpiryMs } satisfies CollabRetention,
        },
        {
          provide: COLLAB_DOCUMENT_STORE,
          useFactory: (redis: RedisClients | null, retention: CollabRetention) =>
            redis
              ? new RedisCollabDocumentStore(redis.command, retention)
              : new InMemoryCollabDocumentStore(retention),
          inject: [REDIS_CLIENTS, COLLAB_RETENTION],
        },
        {
          provide: COLLAB_BUS,
          useFactory: (redis: RedisClients | null, nodeId: string) =>
            redis
              ? new RedisCollabBus(redis.command, redis.subscriber, {
                  nodeId,
                  sharded: options.shardedPubSub,
                })
              : null,
          inject: [REDIS_CLIENTS, COLLAB_NODE_ID],
        },
        {
          provide: DOCUMENT_POLICY,
          useFactory: (rooms: RoomPolicy) =>
            options.policy ?? new RoomDocumentPolicy(rooms, options.readOnly ?? []),
          inject: [ROOM_POLICY],
        },
        CollabMetrics,
        CollabDocuments,
        CollabRoute,
      ],
    };
  }
}
