import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { ProfileResult } from '../profile/profile-result';
import type { BenchReport } from '../report/bench-report';
import { benchmarksDoc } from '../report/benchmarks-doc';
import { loadAllLatest, loadLatest } from '../report/results-store';
import { BENCHMARKS_DOC } from '../servers/workspace-paths';
import type { SoakResult } from '../soak/soak-result';

/** Rewrites docs/benchmarks.md from the latest `all`, single-scenario, soak and profile results; false without an `all`. */
export function writeDocs(): boolean {
  const report = loadLatest<BenchReport>('all');
  if (!report) return false;
  const existing = existsSync(BENCHMARKS_DOC) ? readFileSync(BENCHMARKS_DOC, 'utf8') : undefined;
  // Single-scenario runs made after the `all` run (e.g. idle at 10,000 connections) get a section of their own.
  const separate = loadAllLatest<BenchReport>('scenario-').filter((run) => run.startedAt > report.startedAt);
  const doc = benchmarksDoc({
    report,
    separate,
    soak: loadLatest<SoakResult>('soak'),
    profile: loadLatest<ProfileResult>('profile'),
    existing,
  });
  writeFileSync(BENCHMARKS_DOC, doc);
  return true;
}
