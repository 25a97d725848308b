import { Logger } from '@nestjs/common';
import type { RedisClient } from '@pulse/gateway';
import {
  decodeBusMessage,
  encodeBusMessage,
  type CollabBus,
  type CollabBusHandler,
  type CollabBusMessage,
} from './collab-bus';

export interface RedisCollabBusOptions {
  /** This node's id: its own messages are not handed back to it. */
  readonly nodeId: string;
  /** `SPUBLISH`/`SSUBSCRIBE` (Redis Cluster sharded pub/sub) instead of classic pub/sub. @default false */
  readonly sharded: boolean;
}

const NODES_CHANNEL = 'pulse:collab:nodes';

/** The document's channel, under the same hash tag as its keys. */
export function collabChannel(document: string): string {
  return `pulse:collab:{${document}}:updates`;
}

/** Binary messages over Redis pub/sub, on the node's shared subscriber connection. */
export class RedisCollabBus implements CollabBus {
  private readonly log = new Logger('CollabBus');
  private handler: CollabBusHandler = () => undefined;
  private readonly documentsByChannel = new Map<string, string | null>([[NODES_CHANNEL, null]]);
  private readonly ready: Promise<void>;

  constructor(
    private readonly publisher: RedisClient,
    private readonly subscriber: RedisClient,
    private readonly options: RedisCollabBusOptions,
  ) {
    subscriber.on(options.sharded ? 'smessageBuffer' : 'messageBuffer', (channel: Buffer, payload: Buffer) =>
      this.receive(channel.toString(), payload),
    );
    this.ready = this.listen(NODES_CHANNEL);
    this.ready.catch((error: Error) =>
      this.log.warn(`could not subscribe to node liveness: ${error.message}`),
    );
  }

  onMessage(handler: CollabBusHandler): void {
    this.handler = handler;
  }

  async subscribe(document: string): Promise<void> {
    const channel = collabChannel(document);
    this.documentsByChannel.set(channel, document);
    await this.listen(channel);
  }

  async unsubscribe(document: string): Promise<void> {
    const channel = collabChannel(document);
    this.documentsByChannel.delete(channel);
    if (this.options.sharded) await this.subscriber.sunsubscribe(channel);
    else await this.subscriber.unsubscribe(channel);
  }

  async publish(document: string | null, message: CollabBusMessage): Promise<void> {
    const channel = document === null ? NODES_CHANNEL : collabChannel(document);
    const payload = Buffer.from(encodeBusMessage(message));
    if (this.options.sharded) await this.publisher.spublish(channel, payload);
    else await this.publisher.publish(channel, payload);
  }

  private async listen(channel: string): Promise<void> {
    if (this.options.sharded) await this.subscriber.ssubscribe(channel);
    else await this.subscriber.subscribe(channel);
  }

  private receive(channel: string, payload: Buffer): void {
    const document = this.documentsByChannel.get(channel);
    if (document === undefined) return;
    const message = decodeBusMessage(new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength));
    if (!message) return this.log.warn(`dropped a malformed message on ${channel}`);
    if (message.from === this.options.nodeId) return;
    this.handler(document, message);
  }
}
