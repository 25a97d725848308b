import { connectStormScenario } from './connect-storm.scenario';
import { fanoutScenario } from './fanout.scenario';
import { idleScenario } from './idle.scenario';
import { reconnectStormScenario } from './reconnect-storm.scenario';
import { DEFAULT_KINDS, type Scenario } from './scenario';

/** One room of 100 also compares Pulse's Socket.IO transport with plain Socket.IO. */
const WITH_PULSE_SIO = [...DEFAULT_KINDS, 'pulse-sio'] as const;

/** Two Pulse nodes sharing a private Redis against one node with the same kind of Redis, and one in memory. */
const OVER_REDIS = ['pulse-2n-redis', 'pulse-redis', 'pulse'] as const;

/** Every scenario `all` runs, in order. */
export const SCENARIOS: readonly Scenario[] = [
  fanoutScenario({
    name: 'one-room-100',
    title: 'One room, 100 clients',
    rooms: 1,
    membersPerRoom: 100,
    senders: 10,
    ratePerS: 100,
    kinds: WITH_PULSE_SIO,
    budgetWeight: 64,
  }),
  fanoutScenario({
    name: 'one-room-1000',
    title: 'One room, 1,000 clients',
    rooms: 1,
    membersPerRoom: 1000,
    senders: 10,
    ratePerS: 10,
    budgetWeight: 61,
  }),
  fanoutScenario({
    name: 'game',
    title: 'The game: 500 rooms of 4, each player at 5 Hz',
    rooms: 500,
    membersPerRoom: 4,
    senders: 'all',
    ratePerS: 10_000,
    budgetWeight: 67,
  }),
  fanoutScenario({
    name: 'batched-room-100',
    title: 'One room of 100, clients batching at 30 Hz',
    rooms: 1,
    membersPerRoom: 100,
    senders: 10,
    ratePerS: 100,
    kinds: ['pulse-batch30', 'ws'],
    budgetWeight: 40,
    note: 'Pulse clients send `{"type":"batching","hz":30}` after the upgrade (the SDK\'s `batchHz`); the plain ws relay sends every move as it comes.',
  }),
  fanoutScenario({
    name: 'two-nodes-redis',
    title: 'One room of 100 over two nodes and Redis',
    rooms: 1,
    membersPerRoom: 100,
    senders: 10,
    ratePerS: 100,
    kinds: OVER_REDIS,
    budgetWeight: 50,
    note:
      'Set-ups: two Pulse nodes with `REDIS_URL` pointing at one private redis-server (started by the bench on a free port, ' +
      'pinned with the nodes), clients and senders dealt alternately to the two nodes; one node with its own private ' +
      'redis-server (like for like); one node in memory. Server CPU counts every node and the redis-server.',
  }),
  fanoutScenario({
    name: 'msgpack-room-100',
    title: 'One room of 100, MessagePack against JSON',
    rooms: 1,
    membersPerRoom: 100,
    senders: 10,
    ratePerS: 100,
    kinds: ['pulse-msgpack', 'pulse', 'ws'],
    budgetWeight: 48,
    bytesFigure: true,
    note: "Pulse MessagePack: every client offers `pulse.v1.msgpack` and sends and receives MessagePack binary frames (the SDK's `encoding: 'msgpack'`); Pulse and plain ws: JSON text frames. Bytes are WebSocket payload bytes received, per delivered move.",
  }),
  fanoutScenario({
    name: 'cluster',
    title: 'One room of 100 over two nodes and a 3-primary Redis Cluster',
    rooms: 1,
    membersPerRoom: 100,
    senders: 10,
    ratePerS: 100,
    kinds: ['pulse-2n-cluster', 'pulse-2n-redis'],
    budgetWeight: 50,
    note:
      'Set-ups: two Pulse nodes with `REDIS_CLUSTER_NODES` naming a private 3-primary Redis Cluster (started by the bench on free ' +
      'ports; sharded pub/sub), against two nodes over one private redis-server. Server CPU counts every node and every redis-server.',
  }),
  connectStormScenario,
  reconnectStormScenario,
  // Last: the longest, so a time budget running out cuts here.
  idleScenario,
];

export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((scenario) => scenario.name === name);
}
