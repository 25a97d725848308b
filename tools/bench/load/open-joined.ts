import type { BenchClient } from '../clients/bench-client';
import type { RunContext } from '../scenarios/scenario';
import { nodeUrlFor } from '../servers/cluster';
import { openMany, type OpenManyResult } from './open-clients';

export interface OpenJoinedOptions {
  count: number;
  /** The room client `index` joins, or undefined to only connect. */
  roomOf?: (index: number) => string;
  /** @default 64 */
  concurrency?: number;
  stopAt?: number;
  maxFailures?: number;
  /** Index of the first client (so that a second batch gets other users). @default 0 */
  firstIndex?: number;
}

/** Opens clients spread over the cluster's nodes, joins each to its room, and shows progress meanwhile. */
export async function openJoined(
  context: RunContext,
  options: OpenJoinedOptions,
): Promise<OpenManyResult<BenchClient>> {
  const { connector, cluster, clients, progress, label } = context;
  const first = options.firstIndex ?? 0;
  let done = 0;
  const stopWatch = progress.watch(() => `${label} · connecting ${done}/${options.count}`);
  try {
    return await openMany(
      {
        count: options.count,
        concurrency: options.concurrency ?? 64,
        stopAt: options.stopAt,
        maxFailures: options.maxFailures,
      },
      async (offset) => {
        const index = first + offset;
        const client = clients.add(await connector.open(index, nodeUrlFor(cluster, index)));
        if (options.roomOf) await client.join(options.roomOf(index));
        done++;
        return client;
      },
    );
  } finally {
    stopWatch();
  }
}
