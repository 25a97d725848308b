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

describe('DrainService and what runs before a batch leaves', () => {
  it('runs the hooks for each connection of a batch before the batch is closed', async () => {
    const registry = new ConnectionRegistry();
    const events: string[] = [];
    const closes: Array<{ id: string; code: number; reason: string }> = [];
    for (let i = 0; i < 3; i++) connection(`c${i}`, registry, closes);
    const drain = new DrainService(registry);
    drain.beforeLeaving(async (leaving) => void events.push(`ticket ${leaving.id}`));
    registry.onClose((closed) => events.push(`closed ${closed.id}`));
    await drain.drain({ deadlineMs: 5000, batchSize: 2, batchIntervalMs: 1 });
    expect(events).toEqual(['ticket c0', 'ticket c1', 'closed c0', 'closed c1', 'ticket c2', 'closed c2']);
  });

  it('stops waiting for hooks that do not finish (a store that is away), and still closes everyone with 1012', async () => {
    const registry = new ConnectionRegistry();
    const closes: Array<{ id: string; code: number; reason: string }> = [];
    for (let i = 0; i < 5; i++) connection(`c${i}`, registry, closes);
    const drain = new DrainService(registry);
    const asked: string[] = [];
    drain.beforeLeaving((leaving) => {
      asked.push(leaving.id);
      return new Promise<void>(() => undefined);
    });
    await drain.drain({ deadlineMs: 5000, batchSize: 2, batchIntervalMs: 1 });
    expect(asked).toEqual(['c0', 'c1']);
    expect(closes.map((c) => c.code)).toEqual([1012, 1012, 1012, 1012, 1012]);
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
