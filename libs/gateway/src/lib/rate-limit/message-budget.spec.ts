import { ConnectionMessageBudget, messageBudgets, type BudgetVerdict } from './message-budget';
import { resolveRateLimitOptions } from './rate-limit-options';

describe('ConnectionMessageBudget', () => {
  let now: number;
  const clock = () => now;

  beforeEach(() => (now = 0));

  function run(budget: ConnectionMessageBudget, ratePerSecond: number, seconds: number): Record<BudgetVerdict, number> {
    const counts: Record<BudgetVerdict, number> = { ok: 0, limited: 0, flood: 0 };
    for (let i = 0; i < ratePerSecond * seconds; i++) {
      now += 1000 / ratePerSecond;
      const verdict = budget.take();
      counts[verdict]++;
      if (verdict === 'flood') break;
    }
    return counts;
  }

  it('lets a 30 Hz game plus pings through untouched for a long time', () => {
    const budget = new ConnectionMessageBudget({ perSecond: 50, burst: 100 }, clock);
    expect(run(budget, 40, 600)).toEqual({ ok: 24_000, limited: 0, flood: 0 });
  });

  it('answers a short overshoot with limited, and never closes for it', () => {
    const budget = new ConnectionMessageBudget({ perSecond: 50, burst: 100 }, clock);
    const counts = { ok: 0, limited: 0, flood: 0 };
    for (let i = 0; i < 150; i++) counts[budget.take()]++;
    expect(counts).toEqual({ ok: 100, limited: 50, flood: 0 });
    now += 10_000;
    expect(run(budget, 40, 60).flood).toBe(0);
  });

  it('calls a sustained flood a flood: twice the rate within a few seconds', () => {
    const budget = new ConnectionMessageBudget({ perSecond: 50, burst: 100 }, clock);
    const counts = run(budget, 100, 30);
    expect(counts.flood).toBe(1);
    expect(counts.limited).toBeGreaterThan(0);
    expect(counts.ok + counts.limited).toBeLessThan(100 * 5);
  });

  it('calls everything as fast as possible a flood after one burst of each', () => {
    const budget = new ConnectionMessageBudget({ perSecond: 50, burst: 100 }, clock);
    const verdicts = Array.from({ length: 201 }, () => budget.take());
    expect(verdicts.filter((v) => v === 'ok')).toHaveLength(100);
    expect(verdicts.filter((v) => v === 'limited')).toHaveLength(100);
    expect(verdicts[200]).toBe('flood');
  });
});

describe('messageBudgets', () => {
  it('is off with 0 messages per second', () => {
    expect(messageBudgets(resolveRateLimitOptions({ messagesPerSecond: 0 }))).toBeNull();
  });

  it('defaults to 50 per second with bursts of 100', () => {
    expect(resolveRateLimitOptions()).toMatchObject({ messagesPerSecond: 50, messageBurst: 100, upgradeFailuresPerMinute: 60 });
  });
});
