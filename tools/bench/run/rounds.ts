import type { ServerSetup } from '../servers/server-setup';
import type { Progress } from './progress';
import type { RunRecord } from './results';
import type { RunOutcome } from '../scenarios/scenario';

/**
 * Time budget (`performance.now()` times): a round starts only if it should end by `roundsUntil`, judged by
 * the previous round's length; nothing starts after `hardStop`. Round 1 always runs unless past `hardStop`.
 */
export interface Budget {
  roundsUntil: number;
  hardStop: number;
}

export interface RoundOptions {
  runs: number;
  progress: Progress;
  budget?: Budget;
  onRun?: (record: RunRecord, outcome: RunOutcome | undefined) => void;
}

/**
 * Runs `runs` rounds; each round runs every kind once, in an order rotated per round so that no kind always goes
 * first. Rounds are whole: a skipped round skips every kind, so each round's records can be compared.
 */
export async function rounds(
  scenario: string,
  kinds: readonly ServerSetup[],
  options: RoundOptions,
  runOne: (kind: ServerSetup, run: number) => Promise<{ record: RunRecord; outcome?: RunOutcome }>,
): Promise<RunRecord[]> {
  const records: RunRecord[] = [];
  let lastRoundMs = 0;
  for (let run = 1; run <= options.runs; run++) {
    const started = performance.now();
    const budget = options.budget;
    if (budget && (started > budget.hardStop || (run > 1 && started + lastRoundMs > budget.roundsUntil))) {
      options.progress.note(`${scenario} · run ${run}: skipped, time budget spent`);
      for (const kind of kinds)
        records.push({ kind, run, metrics: {}, notes: [], failed: 'skipped: time budget spent' });
      continue;
    }
    for (const kind of kinds.map((_, i) => kinds[(i + run - 1) % kinds.length])) {
      const { record, outcome } = await runOne(kind, run);
      records.push(record);
      options.onRun?.(record, outcome);
    }
    lastRoundMs = performance.now() - started;
  }
  return records;
}
