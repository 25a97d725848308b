import { describeWithRedis, describeWithRedisCluster } from '@pulse/testing';
import { Redis } from 'ioredis';
import { LocalUserRevocationBus } from './local-user-revocation.bus';
import { RedisUserRevocationBus } from './redis-user-revocation.bus';
import type { UserRevocationBus } from './user-revocation.bus';

interface Nodes {
  readonly publisher: UserRevocationBus;
  /** Every bus that must hear a revocation, the publisher's included. */
  readonly listeners: readonly UserRevocationBus[];
}

/** One contract, every bus: a revocation published anywhere reaches every node, the publisher included. */
function revocationBusContract(name: string, setup: () => Promise<Nodes>) {
  describe(`${name} (UserRevocationBus contract)`, () => {
    it('delivers a revocation to every node, once', async () => {
      const { publisher, listeners } = await setup();
      const heard = listeners.map(() => [] as string[]);
      const all = listeners.map(
        (bus, index) =>
          new Promise<void>((resolve) =>
            bus.onRevoked((userId) => {
              heard[index].push(userId);
              resolve();
            }),
          ),
      );
      await publisher.publish('alice');
      await Promise.all(all);
      expect(heard).toEqual(listeners.map(() => ['alice']));
    });
  });
}

revocationBusContract('LocalUserRevocationBus', async () => {
  const bus = new LocalUserRevocationBus();
  return { publisher: bus, listeners: [bus] };
});

describeWithRedis('with a real Redis', (redis) => {
  const subscribers: Redis[] = [];

  async function node(): Promise<RedisUserRevocationBus> {
    const [publisher, subscriber] = [await redis.client(), await redis.client()];
    subscribers.push(subscriber);
    const bus = new RedisUserRevocationBus(publisher, subscriber);
    await bus.start();
    return bus;
  }

  revocationBusContract('RedisUserRevocationBus, two nodes', async () => {
    const [a, b] = [await node(), await node()];
    return { publisher: a, listeners: [a, b] };
  });

  it('ignores messages of other channels on a shared subscriber', async () => {
    const bus = await node();
    const subscriber = subscribers[subscribers.length - 1];
    await subscriber.subscribe('pulse:room:elsewhere');
    const heard: string[] = [];
    const got = new Promise<void>((resolve) =>
      bus.onRevoked((userId) => {
        heard.push(userId);
        resolve();
      }),
    );
    await (await redis.client()).publish('pulse:room:elsewhere', 'not-a-user');
    await bus.publish('bob');
    await got;
    expect(heard).toEqual(['bob']);
  });
});

describeWithRedisCluster('with a real 3-primary Redis Cluster', (redis) => {
  revocationBusContract('RedisUserRevocationBus over a cluster, two nodes', async () => {
    const nodes = await Promise.all(
      [0, 1].map(async () => {
        const bus = new RedisUserRevocationBus(await redis.client(), await redis.client());
        await bus.start();
        return bus;
      }),
    );
    return { publisher: nodes[0], listeners: nodes };
  });
});
