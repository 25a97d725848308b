import { describeWithRedis, describeWithRedisCluster } from '@pulse/testing';
import { LocalRoomBus } from './local-room.bus';
import type { RoomBus } from './room-bus';
import type { RoomEvent } from './room-event';
import { RedisRoomBus } from './redis-room.bus';

interface Received {
  room: string;
  event: RoomEvent;
}

/** Two nodes' buses over one backend (for the local bus, one node is both). */
type BusPair = { publisher: RoomBus; receiver: RoomBus };

function recorder(bus: RoomBus): { received: Received[]; next: (count: number) => Promise<Received[]> } {
  const received: Received[] = [];
  let wake: (() => void) | undefined;
  bus.onEvent((room, event) => {
    received.push({ room, event });
    wake?.();
  });
  return {
    received,
    next: (count) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${received.length} of ${count} events`)), 5000);
        const check = () => {
          if (received.length < count) return;
          clearTimeout(timer);
          wake = undefined;
          resolve(received.slice(0, count));
        };
        wake = check;
        check();
      }),
  };
}

function roomBusContract(name: string, setup: () => Promise<BusPair>) {
  describe(`${name} (RoomBus contract)`, () => {
    it('delivers published events of a subscribed room, in order, with seq and sender intact', async () => {
      const { publisher, receiver } = await setup();
      const inbox = recorder(receiver);
      await receiver.subscribe('r1');
      for (let seq = 1; seq <= 50; seq++)
        await publisher.publish('r1', { seq, except: 'c1', frame: `{"n":${seq}}` });
      const events = await inbox.next(50);
      expect(events.map((e) => e.event.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(events[0]).toEqual({ room: 'r1', event: { seq: 1, except: 'c1', frame: '{"n":1}' } });
    });

    it('keeps unsequenced signals and frames with newlines', async () => {
      const { publisher, receiver } = await setup();
      const inbox = recorder(receiver);
      await receiver.subscribe('r2');
      await publisher.publish('r2', { seq: 0, frame: '{"text":"a\\nb"}' });
      await expect(inbox.next(1)).resolves.toEqual([
        { room: 'r2', event: { seq: 0, frame: '{"text":"a\\nb"}' } },
      ]);
    });
  });
}

roomBusContract('LocalRoomBus', async () => {
  const bus = new LocalRoomBus();
  return { publisher: bus, receiver: bus };
});

describeWithRedis('with a real Redis', (redis) => {
  async function node(sharded: boolean): Promise<RedisRoomBus> {
    return new RedisRoomBus(await redis.client(), await redis.client(), { sharded });
  }

  roomBusContract('RedisRoomBus, two nodes', async () => ({
    publisher: await node(false),
    receiver: await node(false),
  }));
  roomBusContract('RedisRoomBus, sharded pub/sub', async () => ({
    publisher: await node(true),
    receiver: await node(true),
  }));

  it('stops delivering a room after unsubscribe, and only delivers rooms it subscribed to', async () => {
    const [publisher, receiver] = [await node(false), await node(false)];
    const inbox = recorder(receiver);
    await receiver.subscribe('kept');
    await receiver.subscribe('dropped');
    await receiver.unsubscribe('dropped');
    await publisher.publish('dropped', { seq: 1, frame: '{}' });
    await publisher.publish('never', { seq: 1, frame: '{}' });
    await publisher.publish('kept', { seq: 9, frame: '{}' });
    await expect(inbox.next(1)).resolves.toEqual([{ room: 'kept', event: { seq: 9, frame: '{}' } }]);
    expect(inbox.received).toHaveLength(1);
  });
});

describeWithRedisCluster('with a real 3-primary Redis Cluster', (redis) => {
  async function node(sharded: boolean): Promise<RedisRoomBus> {
    return new RedisRoomBus(await redis.client(), await redis.client(), { sharded });
  }

  roomBusContract('RedisRoomBus over a cluster, sharded pub/sub', async () => ({
    publisher: await node(true),
    receiver: await node(true),
  }));
  roomBusContract('RedisRoomBus over a cluster, classic pub/sub', async () => ({
    publisher: await node(false),
    receiver: await node(false),
  }));
});
