import { PulseAuthError } from './auth-error';
import { fetchTicket, login } from './http-auth';

describe('http auth helpers', () => {
  let fetchMock: jest.SpiedFunction<typeof fetch>;
  beforeEach(() => {
    fetchMock = jest.spyOn(globalThis, 'fetch');
  });
  afterEach(() => fetchMock.mockRestore());

  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  async function caught(promise: Promise<unknown>): Promise<PulseAuthError> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof PulseAuthError))
      throw new Error(`expected a PulseAuthError, got ${String(error)}`);
    return error;
  }

  it('logs in with a JSON body and returns the token', async () => {
    fetchMock.mockResolvedValue(json(200, { accessToken: 'jwt', tokenType: 'Bearer', expiresIn: 900 }));
    await expect(login('http://api.test', 'alice', 'pulse')).resolves.toEqual({
      accessToken: 'jwt',
      tokenType: 'Bearer',
      expiresIn: 900,
    });
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('http://api.test/auth/login');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({ username: 'alice', password: 'pulse' });
  });

  it('marks a 401 from login as an auth failure', async () => {
    fetchMock.mockResolvedValue(json(401, { message: 'Unauthorized' }));
    const error = await caught(login('', 'alice', 'wrong'));
    expect(error).toMatchObject({ status: 401, authFailure: true });
  });

  it('does not mark a server error or an unreachable server as an auth failure', async () => {
    fetchMock.mockResolvedValueOnce(json(503, {}));
    expect(await caught(login('', 'alice', 'pulse'))).toMatchObject({ status: 503, authFailure: false });
    fetchMock.mockRejectedValueOnce(new TypeError('fetch failed'));
    expect(await caught(login('', 'alice', 'pulse'))).toMatchObject({ status: 0, authFailure: false });
  });

  it('refuses a response that does not match the protocol', async () => {
    fetchMock.mockResolvedValue(json(200, { token: 'jwt' }));
    expect(await caught(login('', 'alice', 'pulse'))).toMatchObject({ authFailure: false });
  });

  it('fetches a ticket with the bearer token', async () => {
    fetchMock.mockResolvedValue(json(201, { ticket: 't-1', expiresIn: 30 }));
    await expect(fetchTicket('', 'jwt')).resolves.toBe('t-1');
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/auth/ticket');
    expect(init?.headers).toEqual({ authorization: 'Bearer jwt' });
  });

  it('marks a 401 from the ticket endpoint as an auth failure', async () => {
    fetchMock.mockResolvedValue(json(401, {}));
    expect(await caught(fetchTicket('', 'expired'))).toMatchObject({ status: 401, authFailure: true });
  });
});
