import { Logger } from '@nestjs/common';
import { isCluster, type RedisClient } from '../redis/redis-target';
import { StoreUnavailableError } from '../redis/store-unavailable.error';
import type { RoomBus, RoomEventHandler } from './room-bus';
import { decodeRoomEvent, encodeRoomEvent, roomChannel, type RoomEvent } from './room-event';

export interface RedisRoomBusOptions {
  /** Use Redis Cluster's sharded pub/sub (`SPUBLISH`/`SSUBSCRIBE`) instead of classic pub/sub. @default false */
  sharded: boolean;
}

/**
 * A cluster client sends a key-less PUBLISH to any node, and two nodes may relay one room's events out of order;
 * passing the channel as a key sends every event of a room through the primary of its slot, as the room scripts do.
 */
const PUBLISH_ON_SLOT_OWNER = "return redis.call('PUBLISH', KEYS[1], ARGV[1])";

/**
 * Fan-out across nodes over Redis pub/sub: one `PUBLISH` per room event, and each node delivers to its own
 * members. Subscriptions follow local membership; ioredis restores them after a reconnect.
 */
export class RedisRoomBus implements RoomBus {
  private readonly log = new Logger('RedisRoomBus');
  private handler: RoomEventHandler = () => undefined;
  private readonly roomsByChannel = new Map<string, string>();

  constructor(
    private readonly publisher: RedisClient,
    private readonly subscriber: RedisClient,
    private readonly options: RedisRoomBusOptions = { sharded: false },
  ) {
    const onMessage = (channel: string, payload: string) => this.receive(channel, payload);
    subscriber.on(options.sharded ? 'smessage' : 'message', onMessage);
  }

  onEvent(handler: RoomEventHandler): void {
    this.handler = handler;
  }

  /** Fails fast while Redis is away (ioredis would otherwise hold the command until it returns). */
  async subscribe(room: string): Promise<void> {
    if (this.subscriber.status !== 'ready')
      throw new StoreUnavailableError(`redis ${this.subscriber.status}`);
    const channel = roomChannel(room);
    this.roomsByChannel.set(channel, room);
    if (this.options.sharded) await this.subscriber.ssubscribe(channel);
    else await this.subscriber.subscribe(channel);
  }

  async unsubscribe(room: string): Promise<void> {
    const channel = roomChannel(room);
    this.roomsByChannel.delete(channel);
    if (this.options.sharded) await this.subscriber.sunsubscribe(channel);
    else await this.subscriber.unsubscribe(channel);
  }

  async publish(room: string, event: RoomEvent): Promise<void> {
    const channel = roomChannel(room);
    const payload = encodeRoomEvent(event);
    if (this.options.sharded) await this.publisher.spublish(channel, payload);
    else if (isCluster(this.publisher)) await this.publisher.eval(PUBLISH_ON_SLOT_OWNER, 1, channel, payload);
    else await this.publisher.publish(channel, payload);
  }

  private receive(channel: string, payload: string): void {
    const room = this.roomsByChannel.get(channel);
    if (room === undefined) return;
    const event = decodeRoomEvent(payload);
    if (!event) return this.log.warn(`dropped a malformed event on ${channel}`);
    this.handler(room, event);
  }
}
