import { InMemoryTicketStore } from './in-memory-ticket.store';

const alice = { user: { id: 'alice', name: 'alice', roles: [] } };

describe('InMemoryTicketStore', () => {
  let now: number;
  let store: InMemoryTicketStore;

  beforeEach(() => {
    now = 1_000_000;
    store = new InMemoryTicketStore(() => now);
  });

  it('redeems a saved ticket once', async () => {
    await store.save('k1', alice, 30_000);
    await expect(store.redeem('k1')).resolves.toEqual(alice);
    await expect(store.redeem('k1')).resolves.toBeNull();
  });

  it('refuses an unknown ticket', async () => {
    await expect(store.redeem('nope')).resolves.toBeNull();
  });

  it('refuses a ticket after its TTL', async () => {
    await store.save('k1', alice, 30_000);
    now += 30_000;
    await expect(store.redeem('k1')).resolves.toBeNull();
  });

  it('accepts a ticket just before its TTL', async () => {
    await store.save('k1', alice, 30_000);
    now += 29_999;
    await expect(store.redeem('k1')).resolves.toEqual(alice);
  });

  it('gives a ticket to only one of two concurrent redeems', async () => {
    await store.save('k1', alice, 30_000);
    const results = await Promise.all([store.redeem('k1'), store.redeem('k1')]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
  });

  it('forgets expired tickets, so unredeemed ones do not pile up', async () => {
    for (let i = 0; i < 100; i++) await store.save(`old-${i}`, alice, 1_000);
    now += 1_000;
    await store.save('fresh', alice, 1_000);
    expect(store.size).toBe(1);
  });

  it('forgets expired tickets of every lifetime, even behind longer-lived ones', async () => {
    await store.save('long', alice, 60_000);
    for (let i = 0; i < 100; i++) await store.save(`short-${i}`, alice, 1_000);
    now += 1_000;
    await store.save('fresh', alice, 1_000);
    expect(store.size).toBe(2);
    await expect(store.redeem('long')).resolves.toEqual(alice);
  });
});
