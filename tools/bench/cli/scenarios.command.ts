import { readFileSync } from 'node:fs';
import type { BenchReport } from '../report/bench-report';
import { scenarioTable, targetsTable } from '../report/markdown-tables';
import { saveResult, saveText } from '../report/results-store';
import { summarise } from '../report/summary';
import { ratioChartSvg } from '../report/svg-ratio-chart';
import { checkTargets } from '../report/target-check';
import type { ScenarioResult } from '../run/results';
import type { Budget } from '../run/rounds';
import { runScenario } from '../run/run-scenario';
import type { Scenario } from '../scenarios/scenario';
import { describePinning, type BenchSession } from './bench-session';
import { writeDocs } from './write-docs';

/** `all` must end within 10 minutes: rounds are planned to end within this, and nothing starts after it. */
const ALL_BUDGET_MS = 9 * 60_000;

/** The first scenario's share of the time left, by weight, so a slow machine trims every scenario's rounds a little. */
function shareOfBudget(remaining: readonly Scenario[], end: number): Budget {
  const now = performance.now();
  const total = remaining.reduce((sum, scenario) => sum + scenario.budgetWeight, 0);
  return { roundsUntil: now + ((end - now) * remaining[0].budgetWeight) / total, hardStop: end };
}

/** Runs scenarios, saves the JSON, prints the tables, and (for `all`) rewrites docs/benchmarks.md. */
export async function scenariosCommand(
  session: BenchSession,
  scenarios: readonly Scenario[],
  name: string,
): Promise<void> {
  const { args, progress } = session;
  const started = performance.now();
  const results: ScenarioResult[] = [];
  for (const [index, scenario] of scenarios.entries()) {
    const budget =
      name === 'all' ? shareOfBudget(scenarios.slice(index), started + ALL_BUDGET_MS) : undefined;
    results.push(
      await runScenario(scenario, {
        kinds: args.kinds,
        runs: args.runs,
        sizes: args.sizes,
        jwtSecret: session.jwtSecret,
        serverCpu: session.cpus.server,
        progress,
        budget,
        comparePulseMain: args.comparePulseMain,
      }),
    );
  }
  const report: BenchReport = {
    startedAt: session.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    durationS: (performance.now() - started) / 1000,
    command: session.command,
    machine: session.machine,
    loadavgEnd: readFileSync('/proc/loadavg', 'utf8').trim(),
    options: {
      runs: args.runs,
      kinds: args.kinds,
      sizes: args.sizes,
      pinning: describePinning(session.cpus),
      comparePulseMain: args.comparePulseMain,
    },
    scenarios: results,
  };
  const saveName = args.smoke ? `smoke-${name}` : name === 'all' ? 'all' : `scenario-${name}`;
  const path = saveResult(saveName, report);
  const summaries = results.map(summarise);
  const targets = checkTargets(summaries);
  for (const summary of summaries) {
    process.stdout.write(
      `\n### ${summary.title} (${summary.name})\n\n${summary.description}\n\n${scenarioTable(summary)}\n`,
    );
    for (const note of summary.notes) process.stdout.write(`- ${note}\n`);
  }
  process.stdout.write(`\n${targetsTable(targets)}\n\nresults: ${path}\n`);
  saveText(`${saveName}-ratios.svg`, ratioChartSvg(targets));
  if (name === 'all' && args.docs && writeDocs()) progress.note('docs/benchmarks.md rewritten');
}
