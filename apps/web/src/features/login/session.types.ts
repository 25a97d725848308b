import type { AccessTokenSession } from '@pulse/client';

/** What the pages need of a sign-in: an access token that is not about to expire, and socket tickets. */
export type AccessTokens = Pick<AccessTokenSession, 'currentAccessToken' | 'getTicket'>;

/** A signed-in user: who, and the session that keeps their access token fresh (and survives reloads). */
export interface Session {
  readonly username: string;
  readonly tokens: AccessTokenSession;
}
