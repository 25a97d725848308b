import { WebSocket } from 'ws';
import { SocketIoTestClient } from '../testing/socket-io-test-client';
import { startTestApp, type TestApp } from '../testing/test-app';
import { upgradeStatus } from '../testing/test-client';
import { postTicket, ticketWith } from './testing/tickets';

/** The status and Retry-After of an upgrade attempt that did not open. */
function refusedUpgrade(url: string): Promise<{ status: number; retryAfter?: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => {
      socket.close();
      reject(new Error('the upgrade opened'));
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'] });
      response.resume();
      socket.terminate();
    });
    socket.once('error', (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}

describe('tickets bound to their origin', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp();
  });

  afterAll(() => api.close());

  it('refuses a ticket used from another origin than the one that asked for it, and burns it', async () => {
    const token = await api.login('alice');
    const ticket = await ticketWith(api.httpUrl, token, 'https://a.example');
    await expect(
      upgradeStatus(`${api.wsUrl}?ticket=${ticket}`, { origin: 'https://b.example' }),
    ).resolves.toBe(401);
    await expect(
      upgradeStatus(`${api.wsUrl}?ticket=${ticket}`, { origin: 'https://a.example' }),
    ).resolves.toBe(401);
    const fresh = await ticketWith(api.httpUrl, token, 'https://a.example');
    await expect(
      upgradeStatus(`${api.wsUrl}?ticket=${fresh}`, { origin: 'https://a.example' }),
    ).resolves.toBe(101);
  });

  it('refuses a ticket minted for a browser origin from a client that sends none', async () => {
    const ticket = await ticketWith(api.httpUrl, await api.login('alice'), 'https://a.example');
    await expect(upgradeStatus(`${api.wsUrl}?ticket=${ticket}`)).resolves.toBe(401);
  });
});

describe('brute-force upgrades', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp({ RATE_LIMIT_UPGRADE_FAILURES_PER_MINUTE: '5' });
  });

  afterAll(() => api.close());

  it('never limits successful upgrades from one address', async () => {
    for (let i = 0; i < 20; i++)
      await expect(upgradeStatus(`${api.wsUrl}?ticket=${await api.ticketFor('alice')}`)).resolves.toBe(101);
  });

  it('answers 429 to an address after 5 refusals, on both transports, even with a good ticket', async () => {
    for (let i = 0; i < 5; i++)
      await expect(upgradeStatus(`${api.wsUrl}?ticket=guess-${i}`)).resolves.toBe(401);
    await expect(refusedUpgrade(`${api.wsUrl}?ticket=${await api.ticketFor('alice')}`)).resolves.toEqual({
      status: 429,
      retryAfter: '12',
    });
    await expect(
      SocketIoTestClient.connect(api.httpUrl, await api.ticketFor('bob'), ['polling']),
    ).rejects.toMatchObject({
      message: 'too many requests',
      data: { status: 429, reason: 'too-many-failures' },
    });
    await expect(refusedUpgrade(`${api.wsUrl}?token=whatever`)).resolves.toMatchObject({ status: 429 });
  });
});

describe('ticket budget per user', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp({ RATE_LIMIT_TICKETS_PER_MINUTE: '3' });
  });

  afterAll(() => api.close());

  it('answers 429 with Retry-After past the budget, and leaves other users alone', async () => {
    const alice = await api.login('alice');
    for (let i = 0; i < 3; i++) expect((await postTicket(api.httpUrl, alice)).status).toBe(200);
    const refused = await postTicket(api.httpUrl, alice);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('20');
    expect((await postTicket(api.httpUrl, await api.login('bob'))).status).toBe(200);
  });
});
