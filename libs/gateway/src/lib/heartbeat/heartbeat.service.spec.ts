import { ConnectionRegistry } from '../connection/connection-registry';
import { newConnectionId } from '../connection/connection-id';
import type { RealtimeConnection } from '../connection/realtime-connection';
import { DEFAULT_GATEWAY_OPTIONS } from '../gateway-options';
import { HeartbeatService } from './heartbeat.service';

class FakeConnection {
  readonly id = newConnectionId();
  readonly user = { id: 'u', name: 'U', roles: [] };
  readonly transport = 'ws';
  pings = 0;
  alive = true;
  terminated = false;

  checkAlive(): boolean {
    if (!this.alive) return false;
    this.alive = false;
    this.pings++;
    return true;
  }

  terminate(): void {
    this.terminated = true;
  }
}

function setUp(intervalMs: number, count: number) {
  const registry = new ConnectionRegistry();
  const heartbeat = new HeartbeatService(registry, {
    ...DEFAULT_GATEWAY_OPTIONS,
    heartbeatIntervalMs: intervalMs,
  });
  const connections = Array.from({ length: count }, () => new FakeConnection());
  for (const connection of connections) registry.add(connection as unknown as RealtimeConnection);
  return { registry, heartbeat, connections };
}

describe('HeartbeatService', () => {
  it('pings every connection exactly once per interval, a slice at a time', () => {
    const { heartbeat, connections } = setUp(30_000, 1000); // 300 slices of 100 ms
    let largestSlice = 0;
    for (let tick = 0; tick < 300; tick++) {
      const before = connections.reduce((sum, c) => sum + c.pings, 0);
      heartbeat.visitNextSlice();
      largestSlice = Math.max(largestSlice, connections.reduce((sum, c) => sum + c.pings, 0) - before);
      for (const connection of connections) connection.alive = true;
    }
    expect(connections.every((connection) => connection.pings === 1)).toBe(true);
    expect(largestSlice).toBeLessThan(20); // ~3.3 a slice on average, never the whole round in one turn
  });

  it('terminates a connection that stayed silent for a whole interval after its ping, and only that one', () => {
    const { heartbeat, connections } = setUp(1000, 50); // 10 slices
    for (let tick = 0; tick < 10; tick++) heartbeat.visitNextSlice();
    const [silent, ...answering] = connections;
    for (const connection of answering) connection.alive = true;
    for (let tick = 0; tick < 10; tick++) heartbeat.visitNextSlice();
    expect(silent.terminated).toBe(true);
    expect(answering.some((connection) => connection.terminated)).toBe(false);
    expect(heartbeat.terminated).toBe(1);
  });

  it('stops visiting a connection once it is gone', () => {
    const { registry, heartbeat, connections } = setUp(500, 20);
    registry.remove(connections[0] as unknown as RealtimeConnection);
    for (let tick = 0; tick < 5; tick++) heartbeat.visitNextSlice();
    expect(connections[0].pings).toBe(0);
    expect(connections.slice(1).every((connection) => connection.pings === 1)).toBe(true);
  });
});
