import { InMemoryRoomHistory } from './in-memory-room.history';

describe('InMemoryRoomHistory', () => {
  let now = 0;
  const history = () => new InMemoryRoomHistory({ maxEvents: 3, maxAgeMs: 1000 }, () => now);
  const append = (log: InMemoryRoomHistory, seqs: number[]) =>
    seqs.forEach((seq) => log.append('r', { seq, frame: `f${seq}` }));

  beforeEach(() => (now = 10_000));

  it('replays everything after a seq, in order, within its capacity', async () => {
    const log = history();
    append(log, [1, 2, 3, 4]);
    const epoch = await log.epoch('r');
    await expect(log.read('r', 2, epoch)).resolves.toEqual({
      ok: true,
      lastSeq: 4,
      events: [
        { seq: 3, frame: 'f3' },
        { seq: 4, frame: 'f4' },
      ],
    });
    await expect(log.read('r', 4, epoch)).resolves.toEqual({ ok: true, lastSeq: 4, events: [] });
  });

  it('keeps the newest events in order after wrapping around its capacity many times', async () => {
    const log = history();
    append(
      log,
      Array.from({ length: 11 }, (_, i) => i + 1),
    );
    const epoch = await log.epoch('r');
    await expect(log.read('r', 8, epoch)).resolves.toEqual({
      ok: true,
      lastSeq: 11,
      events: [9, 10, 11].map((seq) => ({ seq, frame: `f${seq}` })),
    });
  });

  it('refuses a gap beyond its capacity or age, a seq from the future, and another epoch', async () => {
    const log = history();
    append(log, [1, 2, 3, 4, 5]);
    const epoch = await log.epoch('r');
    await expect(log.read('r', 1, epoch)).resolves.toEqual({ ok: false, reason: 'beyond-history' });
    await expect(log.read('r', 9, epoch)).resolves.toEqual({ ok: false, reason: 'ahead-of-room' });
    await expect(log.read('r', 4, 'other')).resolves.toEqual({ ok: false, reason: 'epoch-changed' });
    now += 1001;
    await expect(log.read('r', 3, epoch)).resolves.toEqual({ ok: false, reason: 'beyond-history' });
  });
});
