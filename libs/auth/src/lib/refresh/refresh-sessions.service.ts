import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AUTH_OPTIONS, resolveAuthOptions, type AuthOptions } from '../auth-options';
import { randomToken } from '../random/random-token';
import { RevocationList } from '../revocation/revocation-list';
import { REFRESH_TOKEN_STORE, type RefreshSessionUser, type RefreshTokenStore } from './refresh-token-store';

/** 256 random bits after the user part. */
const SECRET_BYTES = 32;
/** `base64url(user id).secret`: the user part finds the user's keys, the secret (43 characters) is the credential. */
const TOKEN_SHAPE = /^([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{43})$/;

export interface Refreshed {
  /** The next refresh token; the presented one is spent. */
  readonly token: string;
  readonly user: RefreshSessionUser;
}

/**
 * Refresh-token sign-ins: `start` at login, `rotate` on every refresh (a new token each time; a spent one presented
 * again ends the whole sign-in, since only a copy can present it), `end` at sign-out, `endAll` when the user is
 * revoked. Tokens are never logged or stored, only their SHA-256 digests.
 */
@Injectable()
export class RefreshSessions {
  private readonly log = new Logger('RefreshSessions');
  private readonly ttlMs: number;

  constructor(
    @Inject(REFRESH_TOKEN_STORE) private readonly store: RefreshTokenStore,
    private readonly revocations: RevocationList,
    @Inject(AUTH_OPTIONS) options: AuthOptions,
  ) {
    this.ttlMs = resolveAuthOptions(options).refreshTokenTtlSeconds * 1000;
  }

  /** Seconds a refresh token lives (the cookie's Max-Age). */
  get ttlSeconds(): number {
    return this.ttlMs / 1000;
  }

  /** Starts a sign-in; returns its first refresh token. */
  async start(user: RefreshSessionUser): Promise<string> {
    const token = tokenFor(user.id);
    const session = {
      id: randomToken(12),
      user: { id: user.id, name: user.name, roles: [...user.roles] },
      startedAt: Date.now(),
    };
    await this.store.start(session, digest(token), this.ttlMs);
    return token;
  }

  /** The next token and the user, or null when the token is malformed, unknown, spent (the sign-in then ends) or revoked. */
  async rotate(token: string): Promise<Refreshed | null> {
    const userId = userIdOf(token);
    if (userId === undefined) return null;
    const next = tokenFor(userId);
    const outcome = await this.store.rotate(userId, digest(token), digest(next), this.ttlMs);
    if (outcome.kind === 'unknown') return null;
    if (outcome.kind === 'reused') {
      this.log.warn({ msg: 'a spent refresh token was presented again: that sign-in is ended', userId });
      return null;
    }
    if (await this.revocations.isRevoked(userId, outcome.session.startedAt)) {
      await this.store.end(userId, digest(next));
      return null;
    }
    return { token: next, user: outcome.session.user };
  }

  /** Ends the sign-in of a token (current or spent); a malformed or unknown token ends nothing. */
  async end(token: string): Promise<void> {
    const userId = userIdOf(token);
    if (userId !== undefined) await this.store.end(userId, digest(token));
  }
}

function tokenFor(userId: string): string {
  return `${Buffer.from(userId, 'utf8').toString('base64url')}.${randomToken(SECRET_BYTES)}`;
}

function userIdOf(token: string): string | undefined {
  const match = TOKEN_SHAPE.exec(token);
  if (!match) return undefined;
  const userId = Buffer.from(match[1], 'base64url').toString('utf8');
  return userId.length > 0 ? userId : undefined;
}

/** The store only sees digests, so a dump of it (or of Redis) holds no usable refresh token. */
function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
