import type { LoginResponse } from '@pulse/protocol';
import { isAuthFailure } from '../auth-error';
import { fetchTicket, login, logout, refreshAccessToken } from '../http-auth';
import { Listeners } from '../listeners';
import { renewDelayMs } from './renewal-schedule';

/** Runs `task` while holding the lock `name`, one holder at a time (the Web Locks API's `navigator.locks` fits). */
export interface RefreshLocks {
  request<T>(name: string, task: () => Promise<T>): Promise<T>;
}

export interface AccessTokenSessionOptions {
  /** The server's origin, '' for the page's own. @default '' */
  baseUrl?: string;
  /**
   * Keeps the tabs of one browser from refreshing at once: they share the `pulse_refresh` cookie, and a refresh
   * token presented twice ends the sign-in. `null`: no coordination (one tab, or not a browser).
   * @default navigator.locks where the browser has it, otherwise none
   */
  locks?: RefreshLocks | null;
  /**
   * After a renewal failed for a reason other than a refused sign-in (the server was unreachable, restarting), how
   * long to wait before trying again.
   * @default 5000
   */
  retryDelayMs?: number;
}

/** Who is signed in. */
export interface SessionUser {
  readonly id: string;
  readonly name: string;
}

/** `renewed`: a fresh access token is in place. `ended`: the sign-in is over (refused, revoked or signed out). */
export type AccessTokenSessionEvent = 'renewed' | 'ended';

const LOCK_NAME = 'pulse-refresh';
const DEFAULT_RETRY_DELAY_MS = 5000;

/**
 * A signed-in user's access token, kept fresh: renewed through `POST /auth/refresh` (the HttpOnly `pulse_refresh`
 * cookie, sent with `credentials: 'include'`) a minute before it expires, and at once when it is needed after that
 * time (a background tab's timers may have slept). `getTicket` is what `PulseClient` wants: on a 401 it refreshes
 * once and asks again before giving up. `resume()` signs a reloaded page back in from the cookie alone.
 */
export class AccessTokenSession {
  private token: string;
  private renewAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private refreshing: Promise<string> | undefined;
  private over = false;
  private readonly listeners = new Listeners<AccessTokenSessionEvent>();
  private readonly baseUrl: string;
  private readonly locks: RefreshLocks | null;
  private readonly retryDelayMs: number;

  private constructor(
    readonly user: SessionUser,
    issued: LoginResponse,
    options: AccessTokenSessionOptions,
  ) {
    this.baseUrl = options.baseUrl ?? '';
    this.locks = options.locks === undefined ? browserLocks() : options.locks;
    this.retryDelayMs = options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
    this.token = issued.accessToken;
    this.accept(issued);
  }

  /**
   * Signs in with a username and password (`POST /auth/login`).
   * @throws PulseAuthError; `authFailure` when the credentials were refused.
   */
  static async signIn(
    username: string,
    password: string,
    options: AccessTokenSessionOptions = {},
  ): Promise<AccessTokenSession> {
    const issued = await login(options.baseUrl ?? '', username, password);
    return new AccessTokenSession({ id: username, name: username }, issued, options);
  }

  /**
   * Picks up the sign-in this browser already has (its `pulse_refresh` cookie); null when there is none.
   * @throws PulseAuthError when the server could not be asked (not for a missing or refused sign-in).
   */
  static async resume(options: AccessTokenSessionOptions = {}): Promise<AccessTokenSession | null> {
    const locks = options.locks === undefined ? browserLocks() : options.locks;
    try {
      const refreshed = await withLock(locks, () => refreshAccessToken(options.baseUrl ?? ''));
      return new AccessTokenSession(refreshed.user, refreshed, options);
    } catch (error) {
      if (isAuthFailure(error)) return null;
      throw error;
    }
  }

  /** The latest access token (it may be close to expiry; `currentAccessToken()` renews first when it is). */
  get accessToken(): string {
    return this.token;
  }

  /** False once the sign-in is over. */
  get active(): boolean {
    return !this.over;
  }

  /** An access token that is not about to expire: the current one, or a renewed one when its renewal time passed. */
  async currentAccessToken(): Promise<string> {
    if (this.over) return this.token;
    return Date.now() >= this.renewAt ? this.refresh() : this.token;
  }

  /**
   * A single-use socket ticket, for `PulseClientOptions.getTicket`. A 401 (the token expired or the server's secret
   * changed) gets one refresh and one more try; an error marked as an auth failure means the sign-in is over.
   */
  readonly getTicket = async (): Promise<string> => {
    try {
      return await fetchTicket(this.baseUrl, await this.currentAccessToken());
    } catch (error) {
      if (!isAuthFailure(error) || this.over) throw error;
      return fetchTicket(this.baseUrl, await this.refresh());
    }
  };

  /**
   * Renews the access token now (one refresh at a time, however many callers); resolves with it.
   * @throws PulseAuthError; `authFailure` when the sign-in is over (then `ended` is emitted).
   */
  refresh(): Promise<string> {
    this.refreshing ??= this.renew().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  /** Hears `renewed` and `ended`; returns the unsubscribe function. */
  on(listener: (event: AccessTokenSessionEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  /** Signs out: the server ends the sign-in and clears the cookie; this session stops renewing. */
  async signOut(): Promise<void> {
    this.end();
    await withLock(this.locks, () => logout(this.baseUrl));
  }

  /** Stops renewing without signing out (the page goes away; the cookie keeps the sign-in for the next load). */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async renew(): Promise<string> {
    try {
      const refreshed = await withLock(this.locks, () => refreshAccessToken(this.baseUrl));
      if (this.over) return this.token;
      this.token = refreshed.accessToken;
      this.accept(refreshed);
      this.listeners.emit('renewed');
      return this.token;
    } catch (error) {
      if (isAuthFailure(error)) this.end();
      else if (!this.over) this.schedule(this.retryDelayMs);
      throw error;
    }
  }

  private accept(issued: LoginResponse): void {
    const delayMs = renewDelayMs(issued.expiresIn);
    this.renewAt = Date.now() + delayMs;
    this.schedule(delayMs);
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh().catch(() => undefined), delayMs);
  }

  private end(): void {
    if (this.over) return;
    this.over = true;
    this.dispose();
    this.listeners.emit('ended');
  }
}

function withLock<T>(locks: RefreshLocks | null, task: () => Promise<T>): Promise<T> {
  return locks ? locks.request(LOCK_NAME, task) : task();
}

/** `navigator.locks`, where the browser has it. */
function browserLocks(): RefreshLocks | null {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (!locks) return null;
  return {
    request: (name, task) => locks.request(name, () => task()) as Promise<Awaited<ReturnType<typeof task>>>,
  };
}
