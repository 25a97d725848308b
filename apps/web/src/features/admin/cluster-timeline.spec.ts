import { clusterTimeline } from './cluster-timeline';
import { sampleOf } from './console-sample.fixture';

describe('clusterTimeline', () => {
  it('is empty before any sample', () => {
    expect(clusterTimeline({}, 5).ticks).toEqual([]);
  });

  it("adds up the nodes' rates and connections at each second, one tick per second up to the newest sample", () => {
    const history = {
      a: [1000, 2000, 3000].map((at, i) =>
        sampleOf('a', at, { messagesInPerSecond: 10 * (i + 1), connections: { ws: 2, 'socket.io': 1 } }),
      ),
      b: [2100, 3100].map((at) =>
        sampleOf('b', at, { messagesInPerSecond: 5, connections: { ws: 1, 'socket.io': 0 } }),
      ),
    };
    const timeline = clusterTimeline(history, 3);
    expect(timeline.ticks).toEqual([1100, 2100, 3100]);
    const messagesIn = timeline.messages.find((s) => s.label === 'in');
    expect(messagesIn?.values).toEqual([10, 25, 35]);
    expect(timeline.connections.map((s) => [s.label, s.values])).toEqual([
      ['ws', [2, 3, 3]],
      ['socket.io', [1, 1, 1]],
    ]);
  });

  it('leaves a gap where no node reported, and forgets a node that went silent', () => {
    const history = {
      a: [sampleOf('a', 1000, { messagesOutPerSecond: 4 }), sampleOf('a', 5000, { messagesOutPerSecond: 6 })],
    };
    expect(clusterTimeline(history, 5).messages.find((s) => s.label === 'out')?.values).toEqual([
      4,
      4,
      null,
      null,
      6,
    ]);
  });

  it('takes the worst node for percentiles and lag, and has no lag line without Redis', () => {
    const fanout = (p99: number) => ({ p50: p99 / 4, p95: p99 / 2, p99, perSecond: 1 });
    const history = {
      a: [sampleOf('a', 1000, { fanout: fanout(0.002), redis: { up: true, lagSeconds: 0.001 } })],
      b: [sampleOf('b', 1000, { fanout: fanout(0.008), redis: { up: true, lagSeconds: null } })],
    };
    const timeline = clusterTimeline(history, 1);
    expect(timeline.fanout.find((s) => s.label === 'p99')?.values).toEqual([0.008]);
    expect(timeline.redisLag).toEqual([{ label: 'lag', values: [0.001] }]);
    expect(clusterTimeline({ a: [sampleOf('a', 1000)] }, 1).redisLag).toEqual([]);
  });

  it('counts refusals and closes of the samples taken within each second, a line per reason and per code', () => {
    const history = {
      a: [
        sampleOf('a', 1000, { closes: { '1000': 2 } }),
        sampleOf('a', 2000, { closes: { '1006': 1 }, refusedUpgrades: { 'ticket-invalid': 3 } }),
      ],
      b: [sampleOf('b', 1900, { closes: { '1000': 1 } })],
    };
    const timeline = clusterTimeline(history, 2);
    expect(timeline.closes).toEqual([
      { label: '1000', values: [2, 1] },
      { label: '1006', values: [0, 1] },
    ]);
    expect(timeline.refusedUpgrades).toEqual([{ label: 'ticket-invalid', values: [0, 3] }]);
  });
});
