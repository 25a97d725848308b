/**
 * The soak's pingers, in a process of their own so that the main generator's work (answering 10,000 heartbeats)
 * does not sit in the round trips they measure. Started by `pinger-client.ts` with IPC; not run by hand.
 */
import type { BenchClient } from '../clients/bench-client';
import { connectorFor } from '../clients/connector';
import { LoadStats } from '../load/load-stats';
import { openMany } from '../load/open-clients';
import { stampNow } from '../load/timestamp';
import { watchLoopDelay } from '../metrics/loop-delay';
import type { PingerConfig, PingerReport, PingerRequest } from './pinger-messages';

function report(message: PingerReport): void {
  process.send?.(message);
}

async function main(config: PingerConfig): Promise<void> {
  const stats = new LoadStats();
  const connector = connectorFor(config.kind, {
    sink: stats,
    jwtSecret: config.jwtSecret,
    idPadTo: config.idPadTo,
  });
  connector.prepare(config.firstIndex + config.count);
  const opened = await openMany({ count: config.count, concurrency: 16 }, (offset) =>
    connector.open(config.firstIndex + offset, config.baseUrl),
  );
  const clients: BenchClient[] = opened.opened.map(({ client }) => client);
  report({ type: 'ready', opened: clients.length, failures: opened.failures, firstError: opened.firstError });
  if (clients.length === 0) process.exit(1);

  const loop = watchLoopDelay();
  let next = 0;
  setInterval(() => {
    clients[next].ping(stampNow());
    next = (next + 1) % clients.length;
  }, 1000 / clients.length);

  process.on('message', (request: PingerRequest) => {
    if (request.type !== 'sample') return;
    const delay = loop.sample();
    report({
      type: 'sample',
      rttP50Ms: stats.rtt.quantile(0.5),
      rttP99Ms: stats.rtt.quantile(0.99),
      rttMaxMs: stats.rtt.max,
      pongs: stats.rtt.count,
      loopP99Ms: delay.p99Ms,
      loopMaxMs: delay.maxMs,
    });
    stats.rtt.reset();
  });
  process.on('disconnect', () => process.exit(0));
}

main(JSON.parse(process.env['PINGER_CONFIG'] ?? '{}') as PingerConfig).catch((error: unknown) => {
  process.stderr.write(`pinger: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
