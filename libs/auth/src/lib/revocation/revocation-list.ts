import { Inject, Injectable } from '@nestjs/common';
import { AUTH_OPTIONS, resolveAuthOptions, type AuthOptions } from '../auth-options';
import { REFRESH_TOKEN_STORE, type RefreshTokenStore } from '../refresh/refresh-token-store';
import { REVOCATION_STORE, type RevocationStore } from './revocation-store';

/**
 * "Revoke user U" voids every credential U holds: access tokens issued (`iat`) and tickets minted at or before
 * the revocation, and every refresh-token sign-in. A fresh login afterwards works again: revocation ends sessions, disabling an account is the
 * identity provider's job.
 */
@Injectable()
export class RevocationList {
  private readonly ttlMs: number;

  constructor(
    @Inject(REVOCATION_STORE) private readonly store: RevocationStore,
    @Inject(REFRESH_TOKEN_STORE) private readonly refreshTokens: RefreshTokenStore,
    @Inject(AUTH_OPTIONS) options: AuthOptions,
  ) {
    this.ttlMs = resolveAuthOptions(options).revocationTtlSeconds * 1000;
  }

  /** Revokes the user as of now; returns the revocation time (ms since the epoch). */
  async revoke(userId: string, atMs = Date.now()): Promise<number> {
    await this.store.revoke(userId, atMs, this.ttlMs);
    await this.refreshTokens.endAll(userId);
    return atMs;
  }

  /**
   * Whether a credential of the user issued at `issuedAtMs` was revoked: issued at or before the revocation (both in
   * ms), so only a credential provably issued after it passes. Tickets carry their minting time in ms; Pulse's dev
   * login writes `iat` to the ms; a whole-second `iat` (most identity providers) is read as the start of its second,
   * so a token issued in the same second as the revocation is refused: it may predate it. Unknown issue times count
   * as revoked.
   */
  async isRevoked(userId: string, issuedAtMs: number | undefined): Promise<boolean> {
    const revokedAt = await this.store.revokedAt(userId);
    return revokedAt !== null && (issuedAtMs === undefined || issuedAtMs <= revokedAt);
  }
}
