import type { AuthOptions } from '../auth-options';
import { InMemoryRefreshTokenStore } from '../refresh/in-memory-refresh-token.store';
import { InMemoryRevocationStore } from './in-memory-revocation.store';
import { RevocationList } from './revocation-list';

const options: AuthOptions = {
  jwtSecret: 'revocation-list-spec-secret-long-enough',
  accessTokenTtlSeconds: 3600,
  ticketTtlSeconds: 30,
  devLogin: true,
  allowedOrigins: [],
};

describe('RevocationList', () => {
  it('refuses what was issued at or before the revocation, to the millisecond, and accepts what came after', async () => {
    const list = new RevocationList(new InMemoryRevocationStore(), new InMemoryRefreshTokenStore(), options);
    const revokedAt = 1_700_000_000_500;
    await list.revoke('alice', revokedAt);
    await expect(list.isRevoked('alice', revokedAt - 300)).resolves.toBe(true);
    await expect(list.isRevoked('alice', revokedAt)).resolves.toBe(true);
    // a sign-in 300 ms later, within the same whole second, is not revoked
    await expect(list.isRevoked('alice', revokedAt + 300)).resolves.toBe(false);
    await expect(list.isRevoked('alice', undefined)).resolves.toBe(true);
    await expect(list.isRevoked('bob', revokedAt - 300)).resolves.toBe(false);
  });

  it("ends every refresh-token sign-in of the revoked user, and no one else's", async () => {
    const refreshTokens = new InMemoryRefreshTokenStore();
    const list = new RevocationList(new InMemoryRevocationStore(), refreshTokens, options);
    const user = (id: string) => ({ id, name: id, roles: [] });
    await refreshTokens.start({ id: 's1', user: user('alice'), startedAt: 1 }, 'a1', 60_000);
    await refreshTokens.start({ id: 's2', user: user('bob'), startedAt: 1 }, 'b1', 60_000);
    await list.revoke('alice');
    await expect(refreshTokens.rotate('alice', 'a1', 'a2', 60_000)).resolves.toEqual({ kind: 'unknown' });
    await expect(refreshTokens.rotate('bob', 'b1', 'b2', 60_000)).resolves.toMatchObject({ kind: 'rotated' });
  });
});
