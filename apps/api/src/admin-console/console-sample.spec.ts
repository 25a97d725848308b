import { consoleSample } from './console-sample';
import type { MetricReading } from './metric-reading';

function reading(overrides: Partial<MetricReading>): MetricReading {
  return {
    at: 0,
    messagesIn: 0,
    deliveries: 0,
    refusedUpgrades: {},
    closes: {},
    fanoutBuckets: [
      { le: 0.001, count: 0 },
      { le: 0.01, count: 0 },
      { le: Infinity, count: 0 },
    ],
    connections: {},
    rooms: 0,
    members: 0,
    redisUp: false,
    redisProbes: 0,
    redisLastLagSeconds: 0,
    ...overrides,
  };
}

const context = { node: 'node-1', redis: false, rooms: [{ name: 'lobby', members: 3 }] };

describe('consoleSample', () => {
  it('turns two readings into rates per second over the interval between them', () => {
    const sample = consoleSample(
      reading({ at: 10_000, messagesIn: 100, deliveries: 1000 }),
      reading({
        at: 12_000,
        messagesIn: 160,
        deliveries: 1400,
        connections: { ws: 4, 'socket.io': 1 },
        rooms: 2,
        members: 5,
      }),
      context,
    );
    expect(sample).toMatchObject({
      type: 'console-sample',
      node: 'node-1',
      at: 12_000,
      intervalSeconds: 2,
      messagesInPerSecond: 30,
      messagesOutPerSecond: 200,
      connections: { ws: 4, 'socket.io': 1 },
      roomCount: 2,
      memberCount: 5,
      rooms: [{ name: 'lobby', members: 3 }],
      redis: null,
    });
  });

  it("takes the interval's fan-out percentiles from the difference of the cumulative buckets", () => {
    const before = reading({
      at: 0,
      fanoutBuckets: [
        { le: 0.001, count: 1000 },
        { le: 0.01, count: 1000 },
        { le: Infinity, count: 1000 },
      ],
    });
    // in this interval: 10 fan-outs, all between 1 and 10 ms (the 1000 fast ones are from before)
    const after = reading({
      at: 1000,
      fanoutBuckets: [
        { le: 0.001, count: 1000 },
        { le: 0.01, count: 1010 },
        { le: Infinity, count: 1010 },
      ],
    });
    const { fanout } = consoleSample(before, after, context);
    expect(fanout?.perSecond).toBe(10);
    expect(fanout?.p50).toBeCloseTo(0.0055, 9);
    expect(fanout?.p99).toBeCloseTo(0.00991, 9);
  });

  it('has no fan-out percentiles for an interval without fan-outs', () => {
    expect(consoleSample(reading({ at: 0 }), reading({ at: 1000 }), context).fanout).toBeNull();
  });

  it('counts refusals and closes within the interval, by label, leaving out the labels with none', () => {
    const sample = consoleSample(
      reading({
        at: 0,
        refusedUpgrades: { 'ticket-invalid': 5, 'origin-not-allowed': 2 },
        closes: { '1000': 7 },
      }),
      reading({
        at: 1000,
        refusedUpgrades: { 'ticket-invalid': 8, 'origin-not-allowed': 2 },
        closes: { '1000': 9, '4003': 1 },
      }),
      context,
    );
    expect(sample.refusedUpgrades).toEqual({ 'ticket-invalid': 3 });
    expect(sample.closes).toEqual({ '1000': 2, '4003': 1 });
  });

  it('counts from zero after a counter went down (a reset)', () => {
    const sample = consoleSample(
      reading({ at: 0, messagesIn: 500 }),
      reading({ at: 1000, messagesIn: 20 }),
      context,
    );
    expect(sample.messagesInPerSecond).toBe(20);
  });

  it("reports Redis on a node with it: up, and the latest probe's lag once there was a probe", () => {
    const withRedis = { ...context, redis: true };
    expect(consoleSample(reading({}), reading({ at: 1000, redisUp: true }), withRedis).redis).toEqual({
      up: true,
      lagSeconds: null,
    });
    expect(
      consoleSample(
        reading({}),
        reading({ at: 1000, redisUp: true, redisProbes: 3, redisLastLagSeconds: 0.0004 }),
        withRedis,
      ).redis,
    ).toEqual({
      up: true,
      lagSeconds: 0.0004,
    });
  });
});
