import { ConnectionRegistry } from '../connection/connection-registry';
import type { RealtimeConnection } from '../connection/realtime-connection';
import { DrainService } from './drain.service';

function connection(
  id: string,
  registry: ConnectionRegistry,
  closes: Array<{ id: string; code: number; reason: string }>,
): RealtimeConnection {
  const self: RealtimeConnection = {
    id,
    user: { id, name: id, roles: [] },
    transport: 'ws',
    rooms: new Set(),
    send: () => undefined,
    sendFrame: () => undefined,
    close: (code, reason) => {
      closes.push({ id, code, reason });
      registry.remove(self);
    },
    markAlive: () => undefined,
    checkAlive: () => true,
    terminate: () => registry.remove(self),
    setBatching: () => false,
  };
  registry.add(self);
  return self;
}

describe('DrainService', () => {
  it('asks every connection to reconnect elsewhere with 1012 and a jittered delay hint, in batches', async () => {
    const registry = new ConnectionRegistry();
    const closes: Array<{ id: string; code: number; reason: string }> = [];
    for (let i = 0; i < 5; i++) connection(`c${i}`, registry, closes);
    const drain = new DrainService(registry);
    await drain.drain({ deadlineMs: 5000, batchSize: 2, batchIntervalMs: 1 }, () => 0.5);
    expect(drain.draining).toBe(true);
    expect(closes.map((c) => c.code)).toEqual([1012, 1012, 1012, 1012, 1012]);
    expect(closes[0].reason).toMatch(/^retry-after-ms=\d+$/);
    expect(registry.size).toBe(0);
  });

  it('terminates the connections still open at the deadline', async () => {
    const registry = new ConnectionRegistry();
    const stubborn = connection('s', registry, []);
    stubborn.close = () => undefined;
    await new DrainService(registry).drain({ deadlineMs: 60, batchSize: 10, batchIntervalMs: 1 });
    expect(registry.size).toBe(0);
  });
});

describe('DrainService and messages in flight', () => {
  it('waits for messages being handled before it finishes, within the deadline', async () => {
    const registry = new ConnectionRegistry();
    const drain = new DrainService(registry);
    drain.track(1);
    let finished = false;
    const draining = drain
      .drain({ deadlineMs: 5000, batchSize: 10, batchIntervalMs: 1 })
      .then(() => (finished = true));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(finished).toBe(false);
    drain.track(-1);
    await draining;
    expect(drain.inFlight).toBe(0);
  });
});
