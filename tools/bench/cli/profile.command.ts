import type { OwnerRow } from '../profile/cpuprofile-summary';
import { runProfile } from '../profile/run-profile';
import { table } from '../report/markdown-tables';
import { profileTable } from '../report/profile-table';
import { saveResult } from '../report/results-store';
import { findScenario } from '../scenarios/catalog';
import { isPulse } from '../servers/server-kind';
import { setupSpec } from '../servers/server-setup';
import type { BenchSession } from './bench-session';
import { writeDocs } from './write-docs';

const DEFAULT_SCENARIO = 'one-room-1000';
const OWNER_ROWS = 20;

function ownerTable(rows: readonly OwnerRow[]): string {
  const body = rows
    .slice(0, OWNER_ROWS)
    .map((row) => [`\`${row.owner}\``, row.samples.toLocaleString('en'), `${row.busyPct.toFixed(1)} %`]);
  return table(['package or project', 'self samples', 'of busy'], body, ['l', 'r', 'r']);
}

/** `profile [scenario] [--targets SETUP]`: one run of a Pulse set-up under `node --cpu-prof`, top self-time functions, and self time per package. */
export async function profileCommand(session: BenchSession): Promise<void> {
  const { args, progress } = session;
  const name = args.target ?? DEFAULT_SCENARIO;
  const scenario = findScenario(name);
  if (!scenario) throw new Error(`unknown scenario "${name}"`);
  const kinds = args.kinds?.filter((setup) => isPulse(setupSpec(setup).kind)) ?? [];
  if (args.kinds && (kinds.length !== 1 || args.kinds.length !== 1))
    throw new Error('profile: --targets takes one Pulse set-up');
  const result = await runProfile({
    kind: kinds[0],
    scenario,
    sizes: args.sizes,
    jwtSecret: session.jwtSecret,
    serverCpu: session.cpus.server,
    progress,
    command: session.command,
    comparePulseMain: args.comparePulseMain,
  });
  const path = saveResult(args.smoke ? 'smoke-profile' : 'profile', result);
  if (result.window)
    process.stdout.write(
      `\nsteady window (${result.window.samples} samples):\n\n${profileTable(result.window.rows)}\n`,
    );
  process.stdout.write(
    `\nwhole run (${result.whole.samples} samples):\n\n${profileTable(result.whole.rows)}\n`,
  );
  process.stdout.write(
    `\nself time by package or project (${result.window ? 'steady window' : 'whole run'}):\n\n${ownerTable(result.owners ?? [])}\n`,
  );
  for (const note of result.notes) process.stdout.write(`- ${note}\n`);
  process.stdout.write(`\nprofile: ${result.profileFile}\nresults: ${path}\n`);
  if (!args.smoke && args.docs && writeDocs()) progress.note('docs/benchmarks.md rewritten');
}
