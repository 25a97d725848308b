import type { UpgradeAuthorizer, UpgradeDecision } from '@pulse/auth';
import { ConnectionCapAuthorizer } from './connection-cap.authorizer';

const userNamed = (id: string) => ({ id, name: id, roles: [] });

/** Lets in `?user=<id>`, refuses anything else with 401. */
const inner: UpgradeAuthorizer = {
  async authorize(request): Promise<UpgradeDecision> {
    const user = new URL(request.url ?? '/', 'http://test.invalid').searchParams.get('user');
    return user ? { ok: true, user: userNamed(user) } : { ok: false, status: 401, reason: 'ticket-missing' };
  },
};

describe('ConnectionCapAuthorizer', () => {
  const open = new Map<string, number>();
  const counts = { countOf: (userId: string) => open.get(userId) ?? 0 };
  const as = (user: string) => ({ url: `/ws?user=${user}`, headers: {} });
  beforeEach(() => open.clear());

  it("admits a user's last allowed socket and refuses the next with 429 too-many-connections", async () => {
    const cap = new ConnectionCapAuthorizer(inner, counts, 3);
    open.set('alice', 2);
    await expect(cap.authorize(as('alice'))).resolves.toMatchObject({ ok: true, user: { id: 'alice' } });
    open.set('alice', 3);
    await expect(cap.authorize(as('alice'))).resolves.toEqual({
      ok: false,
      status: 429,
      reason: 'too-many-connections',
      retryAfterSeconds: 10,
    });
    // other users are not affected, and refusals of the inner authorizer pass through unchanged
    await expect(cap.authorize(as('bob'))).resolves.toMatchObject({ ok: true });
    await expect(cap.authorize({ url: '/ws', headers: {} })).resolves.toEqual({
      ok: false,
      status: 401,
      reason: 'ticket-missing',
    });
  });

  it('says when a user is full, for the check at registration, and is off with 0', async () => {
    open.set('carol', 1);
    expect(new ConnectionCapAuthorizer(inner, counts, 1).isFull('carol')).toBe(true);
    expect(new ConnectionCapAuthorizer(inner, counts, 2).isFull('carol')).toBe(false);
    open.set('carol', 10_000);
    await expect(new ConnectionCapAuthorizer(inner, counts, 0).authorize(as('carol'))).resolves.toMatchObject(
      { ok: true },
    );
  });

  it('gives a close reason the SDK reads as a retry hint', () => {
    expect(new ConnectionCapAuthorizer(inner, counts, 4).closeReason).toBe(
      'at most 4 connections per user on this node; retry-after-ms=10000',
    );
  });
});
