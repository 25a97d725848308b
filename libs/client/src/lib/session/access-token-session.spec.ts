import { isAuthFailure } from '../auth-error';
import { AccessTokenSession, type RefreshLocks } from './access-token-session';

/** The auth endpoints as the server answers them: refresh works while `signedIn`, tickets need the latest token. */
class AuthEndpoints {
  signedIn = true;
  reachable = true;
  issued = 0;
  validToken = '';
  readonly calls: string[] = [];

  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    this.calls.push(`${url} ${init?.credentials ?? ''}`.trim());
    if (!this.reachable) throw new TypeError('fetch failed');
    if (url.endsWith('/auth/login')) return this.token();
    if (url.endsWith('/auth/refresh'))
      return this.signedIn
        ? this.token({ user: { id: 'alice', name: 'Alice' } })
        : json(401, { statusCode: 401, message: 'no' });
    if (url.endsWith('/auth/ticket')) {
      const authorization = new Headers(init?.headers).get('authorization');
      return authorization === `Bearer ${this.validToken}`
        ? json(200, { ticket: `ticket-for-${this.validToken}`, expiresIn: 30 })
        : json(401, { statusCode: 401, message: 'no' });
    }
    if (url.endsWith('/auth/logout')) return new Response(null, { status: 204 });
    return json(404, {});
  };

  private token(extra: Record<string, unknown> = {}): Response {
    this.validToken = `token-${++this.issued}`;
    return json(200, { accessToken: this.validToken, tokenType: 'Bearer', expiresIn: 120, ...extra });
  }
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('AccessTokenSession', () => {
  let server: AuthEndpoints;
  let fetchSpy: jest.SpiedFunction<typeof fetch>;

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    server = new AuthEndpoints();
    fetchSpy = jest.spyOn(globalThis, 'fetch').mockImplementation(server.fetch);
  });
  afterEach(() => {
    fetchSpy.mockRestore();
    jest.useRealTimers();
  });

  const signIn = () =>
    AccessTokenSession.signIn('alice', 'pulse', {
      baseUrl: 'http://api.test',
      locks: null,
      retryDelayMs: 5000,
    });

  it('renews the access token through /auth/refresh, with the cookie, before it expires', async () => {
    const session = await signIn();
    const renewed = jest.fn();
    session.on(renewed);
    expect(session.accessToken).toBe('token-1');
    await jest.advanceTimersByTimeAsync(89_000);
    expect(server.calls.filter((call) => call.includes('/auth/refresh'))).toEqual([]);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(server.calls).toContain('http://api.test/auth/refresh include');
    expect(session.accessToken).toBe('token-2');
    expect(renewed).toHaveBeenCalledWith('renewed');
    await jest.advanceTimersByTimeAsync(90_000);
    expect(session.accessToken).toBe('token-3');
    session.dispose();
  });

  it("renews first when a ticket is asked for after the renewal time (a sleeping tab's timer did not fire)", async () => {
    const session = await signIn();
    session.dispose();
    jest.setSystemTime(Date.now() + 100_000);
    await expect(session.getTicket()).resolves.toBe('ticket-for-token-2');
  });

  it('tries one refresh when the ticket request answers 401, then asks again', async () => {
    const session = await signIn();
    server.validToken = 'rotated-elsewhere';
    await expect(session.getTicket()).resolves.toBe('ticket-for-token-2');
    expect(server.calls.filter((call) => call.includes('/auth/ticket'))).toHaveLength(2);
    session.dispose();
  });

  it('gives up with an auth failure, and says the sign-in ended, when the refresh is refused too', async () => {
    const session = await signIn();
    const events = jest.fn();
    session.on(events);
    server.validToken = 'rotated-elsewhere';
    server.signedIn = false;
    const error = await session.getTicket().catch((e: unknown) => e);
    expect(isAuthFailure(error)).toBe(true);
    expect(events).toHaveBeenCalledWith('ended');
    expect(session.active).toBe(false);
  });

  it('keeps trying to renew while the server is unreachable (restarting), and renews once it is back', async () => {
    const session = await signIn();
    server.reachable = false;
    await jest.advanceTimersByTimeAsync(90_000);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(session.active).toBe(true);
    server.reachable = true;
    await jest.advanceTimersByTimeAsync(5_000);
    expect(session.accessToken).toBe('token-2');
    session.dispose();
  });

  it('makes one refresh of many callers at once', async () => {
    const session = await signIn();
    const tokens = await Promise.all([session.refresh(), session.refresh(), session.refresh()]);
    expect(new Set(tokens)).toEqual(new Set(['token-2']));
    expect(server.calls.filter((call) => call.includes('/auth/refresh'))).toHaveLength(1);
    session.dispose();
  });

  it('refreshes under the browser-wide lock, so two tabs never present one refresh token twice', async () => {
    const held: string[] = [];
    const locks: RefreshLocks = {
      request: async (name, task) => {
        held.push(name);
        return task();
      },
    };
    const session = await AccessTokenSession.signIn('alice', 'pulse', { locks });
    await session.refresh();
    await session.signOut();
    expect(held).toEqual(['pulse-refresh', 'pulse-refresh']);
  });

  it('resumes a sign-in from the cookie alone, or answers null when there is none', async () => {
    const resumed = await AccessTokenSession.resume({ locks: null });
    expect(resumed?.user).toEqual({ id: 'alice', name: 'Alice' });
    expect(resumed?.accessToken).toBe('token-1');
    resumed?.dispose();
    server.signedIn = false;
    await expect(AccessTokenSession.resume({ locks: null })).resolves.toBeNull();
    server.reachable = false;
    await expect(AccessTokenSession.resume({ locks: null })).rejects.toMatchObject({ status: 0 });
  });

  it('signs out: the server is told, renewals stop, and the session is over', async () => {
    const session = await signIn();
    await session.signOut();
    expect(server.calls).toContain('http://api.test/auth/logout include');
    expect(session.active).toBe(false);
    await jest.advanceTimersByTimeAsync(200_000);
    expect(server.calls.filter((call) => call.includes('/auth/refresh'))).toEqual([]);
  });
});
