import { ConnectionMessageBudget, messageBudgets, type BudgetVerdict } from './message-budget';
import { resolveRateLimitOptions } from './rate-limit-options';

describe('ConnectionMessageBudget', () => {
  let now: number;
  const clock = () => now;

  beforeEach(() => (now = 0));

  function run(
    budget: ConnectionMessageBudget,
    ratePerSecond: number,
    seconds: number,
  ): Record<BudgetVerdict, number> {
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

  it('defaults to 128 per second with bursts of 256', () => {
    expect(resolveRateLimitOptions()).toMatchObject({
      messagesPerSecond: 128,
      messageBurst: 256,
      upgradeFailuresPerMinute: 60,
    });
  });
});

/** mulberry32: a seeded generator, so a failing run replays exactly. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Kind = 'move' | 'chat' | 'typing' | 'ping' | 'flood';

/** What a client sends and when (ms), in sending order. */
interface Sent {
  readonly at: number;
  readonly kind: Kind;
}

/**
 * A player at a browser's frame rate for `seconds`: a move every frame (each timer up to 4 ms late), a chat line
 * every 3-10 s announced by `typing` (`active: true` at the first keystroke and every 2 s after, `false` once sent),
 * and the SDK's app-level ping every 10 s.
 */
function player(seconds: number, random: () => number, hz = 60): Sent[] {
  const end = seconds * 1000;
  const sent: Sent[] = [];
  for (let frame = 0; frame * (1000 / hz) < end; frame++)
    sent.push({ at: frame * (1000 / hz) + random() * 4, kind: 'move' });
  for (let at = 0; at < end; at += 10_000) sent.push({ at, kind: 'ping' });
  for (let at = 1000 + random() * 2000; at < end; at += 3000 + random() * 7000) {
    const typingFor = 1000 + random() * 5000;
    for (let typed = 0; typed < typingFor; typed += 2000) sent.push({ at: at + typed, kind: 'typing' });
    sent.push({ at: at + typingFor, kind: 'chat' }, { at: at + typingFor, kind: 'typing' });
  }
  return sent.sort((a, b) => a.at - b.at);
}

/**
 * The same frames as the server reads them when timers bunch: now and then (every 0.2-2 s) the sender's event loop
 * or the link holds its frames for up to `holdMs` and hands them all over at once.
 */
function bunched(sent: readonly Sent[], random: () => number, holdMs = 250): Sent[] {
  const read: Sent[] = [];
  let holdFrom = 200 + random() * 1800;
  let holdUntil = holdFrom + random() * holdMs;
  for (const frame of sent) {
    while (frame.at >= holdUntil) {
      holdFrom = holdUntil + 200 + random() * 1800;
      holdUntil = holdFrom + random() * holdMs;
    }
    read.push({ kind: frame.kind, at: frame.at >= holdFrom ? holdUntil : frame.at });
  }
  return read;
}

/** `rate` frames a second for `seconds`, starting at `from` ms. */
function flood(rate: number, seconds: number, from = 0): Sent[] {
  return Array.from({ length: Math.round(rate * seconds) }, (_, i) => ({
    at: from + (i * 1000) / rate,
    kind: 'flood' as const,
  }));
}

describe('ConnectionMessageBudget at the defaults', () => {
  const { messagesPerSecond } = resolveRateLimitOptions();
  let now: number;
  const budget = () => {
    const make = messageBudgets(resolveRateLimitOptions(), () => now);
    if (!make) throw new Error('the message limit is on by default');
    return make();
  };

  /** Hands each frame to a new connection's budget at the time it is read; stops at the first `flood` verdict. */
  function read(frames: readonly Sent[]) {
    now = 0;
    const connection = budget();
    const refused: Sent[] = [];
    for (const frame of frames) {
      now = frame.at;
      const verdict = connection.take();
      if (verdict === 'limited') refused.push(frame);
      if (verdict === 'flood') return { refused, closedAt: frame.at, taken: frames.indexOf(frame) + 1 };
    }
    return { refused, closedAt: undefined, taken: frames.length };
  }

  it('never refuses a 60 Hz mover who chats, types and pings, for ten minutes, however its timers bunch', () => {
    for (const seed of [1, 2, 3]) {
      const random = seeded(seed);
      const frames = bunched(player(600, random), random);
      expect(frames.filter((frame) => frame.kind === 'move')).toHaveLength(36_000);
      expect(frames.filter((frame) => frame.kind === 'chat').length).toBeGreaterThan(60);
      expect(read(frames)).toEqual({ refused: [], closedAt: undefined, taken: frames.length });
    }
  });

  it('never refuses one whose every frame is held and handed over 250 ms at a time, for five minutes', () => {
    const frames = player(300, seeded(4)).map((frame) => ({ ...frame, at: Math.ceil(frame.at / 250) * 250 }));
    expect(read(frames)).toMatchObject({ refused: [], closedAt: undefined });
  });

  it('takes a 3 s stall of the link at once, then play goes on', () => {
    const random = seeded(5);
    const frames = player(120, random).map((frame) => ({
      ...frame,
      at: frame.at >= 30_000 && frame.at < 33_000 ? 33_000 : frame.at,
    }));
    expect(frames.filter((frame) => frame.at === 33_000).length).toBeGreaterThanOrEqual(180);
    expect(read(frames)).toMatchObject({ refused: [], closedAt: undefined });
  });

  it('holds what the web app sends: a held key at a fast auto-repeat (100 Hz) along the board, plus chat, for five minutes', () => {
    const random = seeded(6);
    expect(read(bunched(player(300, random, 100), random))).toMatchObject({
      refused: [],
      closedAt: undefined,
    });
  });

  it('closes thousands of frames a second within 0.3 s', () => {
    const { closedAt, taken } = read(flood(2000, 10));
    expect(closedAt).toBeLessThan(300);
    expect(taken).toBeLessThan(600);
  });

  it('closes a flood sent all at once after the burst and the allowance for refusals (512 frames)', () => {
    expect(read(flood(1_000_000, 0.005)).taken).toBe(513);
  });

  it.each([
    [3, 2_500],
    [4, 1_500],
  ])('closes a player who starts sending %i times the budget within %i ms', (times, withinMs) => {
    const playing = player(60, seeded(7)).filter((frame) => frame.at < 30_000);
    const { refused, closedAt } = read([...playing, ...flood(messagesPerSecond * times, 30, 30_000)]);
    expect(refused.every((frame) => frame.kind === 'flood')).toBe(true);
    expect(closedAt).toBeGreaterThan(30_000);
    expect(closedAt).toBeLessThan(30_000 + withinMs);
  });

  it('refuses a client a tenth over the budget without closing it', () => {
    const { refused, closedAt } = read(flood(messagesPerSecond * 1.1, 120));
    expect(refused.length).toBeGreaterThan(0);
    expect(closedAt).toBeUndefined();
  });
});
