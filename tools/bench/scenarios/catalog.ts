import { connectStormScenario } from './connect-storm.scenario';
import { fanoutScenario } from './fanout.scenario';
import { idleScenario } from './idle.scenario';
import { DEFAULT_KINDS, type Scenario } from './scenario';

/** One room of 100 also compares Pulse's Socket.IO transport with plain Socket.IO. */
const WITH_PULSE_SIO = [...DEFAULT_KINDS, 'pulse-sio'] as const;

/** Every scenario `all` runs, in order. Cross-node (Redis) variants will start clusters with `nodes > 1`. */
export const SCENARIOS: readonly Scenario[] = [
  fanoutScenario({ name: 'one-room-100', title: 'One room, 100 clients', rooms: 1, membersPerRoom: 100, senders: 10, ratePerS: 100, kinds: WITH_PULSE_SIO, budgetWeight: 64 }),
  fanoutScenario({ name: 'one-room-1000', title: 'One room, 1,000 clients', rooms: 1, membersPerRoom: 1000, senders: 10, ratePerS: 10, budgetWeight: 61 }),
  fanoutScenario({ name: 'game', title: 'The game: 500 rooms of 4, each player at 5 Hz', rooms: 500, membersPerRoom: 4, senders: 'all', ratePerS: 10_000, budgetWeight: 67 }),
  connectStormScenario,
  // Last: the longest, so a time budget running out cuts here.
  idleScenario,
];

export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((scenario) => scenario.name === name);
}
