import { InMemoryIdempotencyStore } from './in-memory-idempotency.store';

describe('InMemoryIdempotencyStore', () => {
  let now = 0;
  const store = () =>
    new InMemoryIdempotencyStore({ windowMs: 60_000, maxKeysPerUser: 3, pendingLeaseMs: 1_000 }, () => now);

  beforeEach(() => (now = 1_000_000));

  it('claims an id once, reports it pending, then done with its seq for the whole window', async () => {
    const ids = store();
    await expect(ids.claim('alice', 'm1')).resolves.toEqual({ state: 'new' });
    await expect(ids.claim('alice', 'm1')).resolves.toEqual({ state: 'pending' });
    await ids.complete('alice', 'm1', 7);
    now += 59_000;
    await expect(ids.claim('alice', 'm1')).resolves.toEqual({ state: 'done', seq: 7 });
    await expect(ids.claim('bob', 'm1')).resolves.toEqual({ state: 'new' });
  });

  it('frees a claim that was never finished after its lease, so a resend can apply it', async () => {
    const ids = store();
    await ids.claim('alice', 'stuck');
    now += 1_001;
    await expect(ids.claim('alice', 'stuck')).resolves.toEqual({ state: 'new' });
  });

  it('frees a released claim at once, and keeps at most maxKeysPerUser ids per user', async () => {
    const ids = store();
    await ids.claim('alice', 'failed');
    await ids.release('alice', 'failed');
    await expect(ids.claim('alice', 'failed')).resolves.toEqual({ state: 'new' });
    for (const id of ['a', 'b', 'c']) await ids.claim('alice', id);
    await expect(ids.claim('alice', 'failed')).resolves.toEqual({ state: 'new' });
  });
});
