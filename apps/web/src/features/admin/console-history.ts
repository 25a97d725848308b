import type { ServerMessageOf } from '@pulse/protocol';

export type ConsoleSample = ServerMessageOf<'console-sample'>;

/** How many samples each node keeps: a minute at the default interval. */
export const CONSOLE_HISTORY_POINTS = 60;

/** Each node's recent samples, oldest first, by node id. */
export type ConsoleHistory = Readonly<Record<string, readonly ConsoleSample[]>>;

/**
 * Adds a node's sample, keeping the newest `limit` per node. A sample not newer than that node's last one (the copy
 * a watcher gets on `console-watch` and again from the room) is ignored.
 */
export function consoleHistoryReducer(
  history: ConsoleHistory,
  sample: ConsoleSample,
  limit = CONSOLE_HISTORY_POINTS,
): ConsoleHistory {
  const samples = history[sample.node] ?? [];
  const last = samples.at(-1);
  if (last && sample.at <= last.at) return history;
  return { ...history, [sample.node]: [...samples, sample].slice(-limit) };
}

export interface NodeSummary {
  readonly node: string;
  readonly latest: ConsoleSample;
  /** Nothing heard from it for three of its intervals. */
  readonly silent: boolean;
}

/** Every node heard from, by id, with its latest sample. */
export function nodeSummaries(history: ConsoleHistory, now: number): NodeSummary[] {
  return Object.entries(history)
    .flatMap(([node, samples]) => {
      const latest = samples.at(-1);
      return latest ? [{ node, latest, silent: now - latest.at > 3 * latest.intervalSeconds * 1000 }] : [];
    })
    .sort((a, b) => a.node.localeCompare(b.node));
}

export interface RoomTotal {
  readonly name: string;
  readonly members: number;
  /** On how many nodes the room has members. */
  readonly nodes: number;
}

/** The rooms of every node that is not silent, members summed across nodes, busiest first. */
export function roomTotals(summaries: readonly NodeSummary[]): RoomTotal[] {
  const totals = new Map<string, { members: number; nodes: number }>();
  for (const { latest, silent } of summaries) {
    if (silent) continue;
    for (const room of latest.rooms) {
      const total = totals.get(room.name) ?? { members: 0, nodes: 0 };
      totals.set(room.name, { members: total.members + room.members, nodes: total.nodes + 1 });
    }
  }
  return [...totals]
    .map(([name, total]) => ({ name, ...total }))
    .sort((a, b) => b.members - a.members || a.name.localeCompare(b.name));
}
