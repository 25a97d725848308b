import { startRedisServer, type TestRedisServer } from '@pulse/testing';
import type { Redis } from 'ioredis';
import { EventEmitter } from 'node:events';
import { Registry } from 'prom-client';
import { PubSubLagMetrics } from '../metrics/pubsub-lag.metrics';
import { RedisClients } from '../redis/redis-clients';
import { PubSubLagProbe, type PubSubLagObserver } from './pubsub-lag.probe';
import type { RoomEvent } from './room-event';
import { RedisRoomBus } from './redis-room.bus';

/** One series' value from the registry's scrape text (NaN when absent). */
async function value(registry: Registry, series: string): Promise<number> {
  const line = (await registry.metrics()).split('\n').find((candidate) => candidate.startsWith(series + ' '));
  return line ? Number(line.slice(series.length + 1)) : NaN;
}

/** Polls a condition the test cannot subscribe to (a metric), bounded. */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('PubSubLagProbe against a private redis-server', () => {
  const INTERVAL_MS = 250;
  const TIMEOUT_MS = 200;
  let redis: TestRedisServer;
  let clients: RedisClients;
  let registry: Registry;
  let probe: PubSubLagProbe;
  const count = () => value(registry, 'pulse_redis_pubsub_lag_seconds_count');
  const timeouts = () => value(registry, 'pulse_redis_pubsub_probe_timeouts_total');

  beforeEach(async () => {
    redis = await startRedisServer();
    clients = new RedisClients({ kind: 'primary', url: redis.url });
    await clients.connect();
    registry = new Registry();
    probe = new PubSubLagProbe(clients.command, clients.subscriber, new PubSubLagMetrics(registry), {
      intervalMs: INTERVAL_MS,
      timeoutMs: TIMEOUT_MS,
    });
  });

  afterEach(async () => {
    probe.stop();
    await clients.close();
    await redis.stop();
  });

  it('times round trips into the histogram while room events on the same connections arrive untouched', async () => {
    const bus = new RedisRoomBus(clients.command, clients.subscriber);
    const received: Array<{ room: string; event: RoomEvent }> = [];
    bus.onEvent((room, event) => received.push({ room, event }));
    await bus.subscribe('r');
    probe.start();
    await until(async () => (await count()) >= 3, 'three probes back');

    for (let seq = 1; seq <= 20; seq++) await bus.publish('r', { seq, frame: `{"n":${seq}}` });
    await until(async () => received.length >= 20, 'twenty room events');
    await until(async () => (await count()) >= 5, 'two more probes back');

    expect(received.map(({ room, event }) => `${room}:${event.seq}`)).toEqual(
      Array.from({ length: 20 }, (_, i) => `r:${i + 1}`),
    );
    expect(await timeouts()).toBe(0);
    const last = await value(registry, 'pulse_redis_pubsub_last_lag_seconds');
    expect(last).toBeGreaterThan(0);
    expect(last).toBeLessThan(TIMEOUT_MS / 1000);
    expect(await value(registry, 'pulse_redis_pubsub_lag_seconds_bucket{le="2.5"}')).toBe(await count());
  });

  it('counts probes lost while Redis is stalled (SIGSTOP), and times them again once it resumes', async () => {
    probe.start();
    await until(async () => (await count()) >= 1, 'a probe back');

    const pid = redis.pid;
    process.kill(pid, 'SIGSTOP');
    try {
      const before = await count();
      await until(async () => (await timeouts()) >= 3, 'three lost probes');
      // A probe already answered when the signal landed may still be counted; nothing later can be.
      expect(await count()).toBeLessThanOrEqual(before + 1);
      expect(await value(registry, 'pulse_redis_pubsub_last_lag_seconds')).toBe(TIMEOUT_MS / 1000);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    const stalled = await count();
    await until(async () => (await count()) >= stalled + 2, 'probes back after SIGCONT');
    expect(await value(registry, 'pulse_redis_pubsub_last_lag_seconds')).toBeLessThan(TIMEOUT_MS / 1000);
  });

  it('keeps probing through Redis being stopped and started again (ioredis restores the subscription)', async () => {
    probe.start();
    await until(async () => (await count()) >= 1, 'a probe back');

    await redis.stop();
    const lostBefore = await timeouts();
    await until(async () => (await timeouts()) >= lostBefore + 2, 'probes lost while Redis is down');
    expect(probe.running).toBe(true);

    await redis.restart();
    const back = await count();
    await until(async () => (await count()) >= back + 2, 'probes back after the restart', 15_000);
  });

  it('unsubscribes its channel when stopped', async () => {
    probe.start();
    await until(async () => (await count()) >= 1, 'a probe back');
    const subscribers = async () =>
      Number(((await clients.command.pubsub('NUMSUB', probe.channel)) as [string, number])[1]);
    expect(await subscribers()).toBe(1);

    probe.stop();
    expect(probe.running).toBe(false);
    await until(async () => (await subscribers()) === 0, 'the probe channel unsubscribed');
  });
});

/** Just enough of an ioredis client to drive the probe's timers by hand. */
class FakeRedis extends EventEmitter {
  status = 'ready';
  readonly published: string[] = [];
  failPublish = false;

  async publish(_channel: string, payload: string): Promise<number> {
    if (this.failPublish) throw new Error("Stream isn't writeable and enableOfflineQueue options is false");
    this.published.push(payload);
    return 1;
  }

  async subscribe(): Promise<number> {
    return 1;
  }

  async unsubscribe(): Promise<number> {
    return 0;
  }

  asRedis(): Redis {
    return this as unknown as Redis;
  }
}

describe('PubSubLagProbe timers', () => {
  let redis: FakeRedis;
  let outcomes: string[];
  let probe: PubSubLagProbe;
  const observer: PubSubLagObserver = {
    lag: () => outcomes.push('lag'),
    timeout: (seconds) => outcomes.push(`timeout ${seconds}`),
  };

  beforeEach(() => {
    jest.useFakeTimers();
    redis = new FakeRedis();
    outcomes = [];
    probe = new PubSubLagProbe(
      redis.asRedis(),
      redis.asRedis(),
      observer,
      { intervalMs: 5000, timeoutMs: 2500 },
      'node-1',
    );
  });

  afterEach(() => {
    probe.stop();
    jest.useRealTimers();
  });

  it('sends a first probe once subscribed, then one per interval, each timed out on its own', async () => {
    probe.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(redis.published).toHaveLength(1);
    redis.emit('message', probe.channel, redis.published[0]);
    expect(outcomes).toEqual(['lag']);

    await jest.advanceTimersByTimeAsync(5000);
    expect(redis.published).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(2500);
    expect(outcomes).toEqual(['lag', 'timeout 2.5']);

    redis.emit('message', probe.channel, redis.published[1]);
    expect(outcomes).toEqual(['lag', 'timeout 2.5']);
  });

  it('ignores other channels and probes it did not send', async () => {
    probe.start();
    await jest.advanceTimersByTimeAsync(0);
    redis.emit('message', 'pulse:{r}:events', redis.published[0]);
    redis.emit('message', probe.channel, '99 1');
    redis.emit('message', probe.channel, 'garbage');
    expect(outcomes).toEqual([]);
  });

  it('counts a probe it could not send (Redis unreachable) as lost, without an unhandled rejection', async () => {
    redis.failPublish = true;
    probe.start();
    await jest.advanceTimersByTimeAsync(5000 * 3);
    expect(outcomes).toEqual(['timeout 2.5', 'timeout 2.5', 'timeout 2.5']);
  });

  it('caps the timeout at the interval, so at most one probe is in flight', async () => {
    probe.stop();
    probe = new PubSubLagProbe(
      redis.asRedis(),
      redis.asRedis(),
      observer,
      { intervalMs: 1000, timeoutMs: 60_000 },
      'node-1',
    );
    probe.start();
    await jest.advanceTimersByTimeAsync(3000);
    expect(outcomes).toEqual(['timeout 1', 'timeout 1', 'timeout 1']);
  });

  it('leaves no timer and no listener behind when stopped with a probe in flight', async () => {
    probe.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(jest.getTimerCount()).toBe(2);
    probe.stop();
    expect(jest.getTimerCount()).toBe(0);
    expect(redis.listenerCount('message')).toBe(0);
    redis.emit('message', probe.channel, redis.published[0]);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(outcomes).toEqual([]);
  });
});
