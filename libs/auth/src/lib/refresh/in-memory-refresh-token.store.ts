import {
  MAX_SIGN_INS_PER_USER,
  type RefreshSession,
  type RefreshTokenStore,
  type RotateOutcome,
} from './refresh-token-store';

interface SignIn {
  readonly session: RefreshSession;
  current: string;
  expiresAt: number;
}

interface TokenEntry {
  readonly userId: string;
  readonly sessionId: string;
  readonly expiresAt: number;
}

/** Everything the store holds, as plain JSON (digests, never tokens): what `FileRefreshTokenStore` writes. */
export interface RefreshTokenSnapshot {
  readonly signIns: ReadonlyArray<{
    readonly session: RefreshSession;
    readonly current: string;
    readonly expiresAt: number;
  }>;
  readonly tokens: ReadonlyArray<readonly [key: string, entry: TokenEntry]>;
}

/**
 * A single-node refresh-token store. Tokens are kept in insertion order, so with one TTL for all of them the
 * expired ones are at the front and sweeping costs only what it removes.
 */
export class InMemoryRefreshTokenStore implements RefreshTokenStore {
  private readonly signIns = new Map<string, Map<string, SignIn>>();
  private readonly tokens = new Map<string, TokenEntry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The live contents, for saving. */
  snapshot(): RefreshTokenSnapshot {
    this.sweep();
    const signIns = [...this.signIns.values()].flatMap((own) =>
      [...own.values()].map(({ session, current, expiresAt }) => ({ session, current, expiresAt })),
    );
    return { signIns, tokens: [...this.tokens.entries()] };
  }

  /** Takes over saved contents (what has expired since is swept as usual). */
  restore(snapshot: RefreshTokenSnapshot): void {
    this.signIns.clear();
    this.tokens.clear();
    for (const { session, current, expiresAt } of snapshot.signIns) {
      const own = this.signIns.get(session.user.id) ?? new Map<string, SignIn>();
      own.set(session.id, { session, current, expiresAt });
      this.signIns.set(session.user.id, own);
    }
    for (const [key, entry] of [...snapshot.tokens].sort((a, b) => a[1].expiresAt - b[1].expiresAt))
      this.tokens.set(key, entry);
    this.sweep();
  }

  /** Tokens remembered, current and spent; for tests of the sweep. */
  get size(): number {
    return this.tokens.size;
  }

  async start(session: RefreshSession, tokenKey: string, ttlMs: number): Promise<void> {
    this.sweep();
    const now = this.now();
    const own = this.signIns.get(session.user.id) ?? new Map<string, SignIn>();
    for (const [id, signIn] of own) if (signIn.expiresAt <= now) own.delete(id);
    while (own.size >= MAX_SIGN_INS_PER_USER) {
      const idlest = [...own.values()].reduce((a, b) => (b.expiresAt < a.expiresAt ? b : a));
      own.delete(idlest.session.id);
    }
    own.set(session.id, { session, current: tokenKey, expiresAt: now + ttlMs });
    this.signIns.set(session.user.id, own);
    this.tokens.set(tokenKey, { userId: session.user.id, sessionId: session.id, expiresAt: now + ttlMs });
  }

  async rotate(userId: string, tokenKey: string, nextKey: string, ttlMs: number): Promise<RotateOutcome> {
    this.sweep();
    const signIn = this.signInOf(userId, tokenKey);
    if (!signIn) return { kind: 'unknown' };
    if (signIn.current !== tokenKey) {
      this.forget(userId, signIn.session.id);
      return { kind: 'reused', session: signIn.session };
    }
    const now = this.now();
    signIn.current = nextKey;
    signIn.expiresAt = now + ttlMs;
    this.tokens.set(nextKey, { userId, sessionId: signIn.session.id, expiresAt: now + ttlMs });
    return { kind: 'rotated', session: signIn.session };
  }

  async end(userId: string, tokenKey: string): Promise<boolean> {
    const signIn = this.signInOf(userId, tokenKey);
    if (!signIn) return false;
    this.forget(userId, signIn.session.id);
    return true;
  }

  async endAll(userId: string): Promise<void> {
    this.signIns.delete(userId);
  }

  /** The live sign-in a token (current or spent) of this user belongs to. */
  private signInOf(userId: string, tokenKey: string): SignIn | undefined {
    const token = this.tokens.get(tokenKey);
    if (!token || token.userId !== userId || token.expiresAt <= this.now()) return undefined;
    const signIn = this.signIns.get(userId)?.get(token.sessionId);
    return signIn && signIn.expiresAt > this.now() ? signIn : undefined;
  }

  private forget(userId: string, sessionId: string): void {
    const own = this.signIns.get(userId);
    own?.delete(sessionId);
    if (own?.size === 0) this.signIns.delete(userId);
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, token] of this.tokens) {
      if (token.expiresAt > now) break;
      this.tokens.delete(key);
      // A sign-in lives as long as its current token, so it goes with it.
      if (this.signIns.get(token.userId)?.get(token.sessionId)?.current === key)
        this.forget(token.userId, token.sessionId);
    }
  }
}
