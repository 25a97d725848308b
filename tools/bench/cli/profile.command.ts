import { runProfile } from '../profile/run-profile';
import { profileTable } from '../report/profile-table';
import { saveResult } from '../report/results-store';
import { findScenario } from '../scenarios/catalog';
import type { BenchSession } from './bench-session';
import { writeDocs } from './write-docs';

const DEFAULT_SCENARIO = 'one-room-1000';

/** `profile [scenario]`: one Pulse run under `node --cpu-prof`, top self-time functions. */
export async function profileCommand(session: BenchSession): Promise<void> {
  const { args, progress } = session;
  const name = args.target ?? DEFAULT_SCENARIO;
  const scenario = findScenario(name);
  if (!scenario) throw new Error(`unknown scenario "${name}"`);
  const result = await runProfile({ scenario, sizes: args.sizes, jwtSecret: session.jwtSecret, serverCpu: session.cpus.server, progress, command: session.command });
  const path = saveResult(args.smoke ? 'smoke-profile' : 'profile', result);
  if (result.window) process.stdout.write(`\nsteady window (${result.window.samples} samples):\n\n${profileTable(result.window.rows)}\n`);
  process.stdout.write(`\nwhole run (${result.whole.samples} samples):\n\n${profileTable(result.whole.rows)}\n`);
  for (const note of result.notes) process.stdout.write(`- ${note}\n`);
  process.stdout.write(`\nprofile: ${result.profileFile}\nresults: ${path}\n`);
  if (!args.smoke && args.docs && writeDocs()) progress.note('docs/benchmarks.md rewritten');
}
