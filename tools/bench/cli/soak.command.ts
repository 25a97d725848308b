import { saveResult, saveText } from '../report/results-store';
import { isServerKind } from '../servers/server-kind';
import { runSoak } from '../soak/run-soak';
import { soakChartSvg } from '../soak/soak-chart';
import type { SoakResult } from '../soak/soak-result';
import type { BenchSession } from './bench-session';
import { writeDocs } from './write-docs';

const PINGERS = 100;

/** `soak`: idle connections with heartbeats for --duration-s, sampled and charted. */
export async function soakCommand(session: BenchSession): Promise<void> {
  const { args, progress } = session;
  const durationS = args.soakDurationS;
  const kind = args.kinds?.[0] ?? 'pulse';
  if (!isServerKind(kind))
    throw new Error(`soak runs one node in memory; --targets ${kind} is not one of them`);
  const outcome = await runSoak({
    kind,
    durationS,
    heartbeatMs: args.heartbeatMs,
    pingers: Math.min(PINGERS, args.sizes.idleConnections),
    sampleEveryS: Math.max(1, Math.min(10, durationS / 60)),
    sizes: args.sizes,
    jwtSecret: session.jwtSecret,
    serverCpu: session.cpus.server,
    progress,
  });
  const result: SoakResult = {
    startedAt: session.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    command: session.command,
    machine: session.machine,
    kind,
    connections: outcome.connections,
    heartbeatMs: args.heartbeatMs,
    pingers: Math.min(PINGERS, outcome.connections),
    durationS,
    samples: outcome.samples,
    rssSlopeMbPerMin: outcome.rssSlopeMbPerMin,
    notes: outcome.notes,
  };
  const name = args.smoke ? 'smoke-soak' : 'soak';
  const path = saveResult(name, result);
  const chart = saveText(`${name}.svg`, soakChartSvg(result));
  const first = result.samples[0];
  const last = result.samples.at(-1);
  process.stdout.write(
    `soak: ${result.connections} connections, ${durationS} s; RSS ${first?.rssMb.toFixed(1)} -> ${last?.rssMb.toFixed(1)} MiB ` +
      `(2nd-half slope ${result.rssSlopeMbPerMin.toFixed(3)} MiB/min); ping p99 ${first?.rttP99Ms.toFixed(2)} -> ${last?.rttP99Ms.toFixed(2)} ms; ` +
      `dropped ${last?.dropped ?? 0}\nresults: ${path}\nchart: ${chart}\n`,
  );
  if (!args.smoke && args.docs && writeDocs()) progress.note('docs/benchmarks.md rewritten');
}
