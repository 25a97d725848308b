import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunOutcome, Scenario, Sizes } from '../scenarios/scenario';
import type { Progress } from '../run/progress';
import type { ServerSetup } from '../servers/server-setup';
import { runScenario } from '../run/run-scenario';
import { RESULTS_DIR } from '../servers/workspace-paths';
import { selfTime, selfTimeByOwner, type CpuProfile } from './cpuprofile-summary';
import type { ProfileResult } from './profile-result';

const TOP = 40;

export interface ProfileOptions {
  scenario: Scenario;
  sizes: Sizes;
  jwtSecret: string;
  serverCpu?: number;
  progress: Progress;
  command: string;
  /** Which Pulse set-up to profile (default `pulse`: one node, native transport). */
  kind?: ServerSetup;
  /** `--compare-pulse`: the build `pulse-compare` starts. */
  comparePulseMain?: string;
}

/** Runs one scenario once against Pulse (native or its Socket.IO transport) under `node --cpu-prof` and sums self time per function. */
export async function runProfile(options: ProfileOptions): Promise<ProfileResult> {
  const dir = join(RESULTS_DIR, 'profiles', new Date().toISOString().replace(/[:.]/g, '-'));
  mkdirSync(dir, { recursive: true });
  let outcome: RunOutcome | undefined;
  const result = await runScenario(options.scenario, {
    kinds: [options.kind ?? 'pulse'],
    runs: 1,
    sizes: options.sizes,
    jwtSecret: options.jwtSecret,
    serverCpu: options.serverCpu,
    progress: options.progress,
    cpuProfileDir: dir,
    comparePulseMain: options.comparePulseMain,
    onRun: (_record, runOutcome) => (outcome = runOutcome),
  });
  const failed = result.records[0]?.failed;
  if (failed) throw new Error(`profile run failed: ${failed}`);
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile written in ${dir}`);
  const profileFile = join(dir, file);
  const profile = JSON.parse(readFileSync(profileFile, 'utf8')) as CpuProfile;
  const notes: string[] = [];
  const whole = selfTime(profile);
  let window: ProfileResult['window'];
  const span = outcome?.windowUs;
  if (span && span.start >= profile.startTime && span.end <= profile.endTime) {
    window = selfTime(profile, span);
    window.rows = window.rows.slice(0, TOP);
  } else {
    notes.push('the steady window could not be located in the profile; only the whole-run summary is given');
  }
  whole.rows = whole.rows.slice(0, TOP);
  const owners = selfTimeByOwner(profile, window ? span : undefined).slice(0, TOP);
  return {
    startedAt: new Date().toISOString(),
    command: options.command,
    scenario: options.scenario.name,
    profileFile,
    metrics: outcome?.metrics ?? {},
    whole,
    window,
    owners,
    notes,
  };
}
