import { WebSocket } from 'ws';
import { startTestApp, type TestApp } from '../testing/test-app';

/** Opens a socket offering `protocols`; resolves with the negotiated protocol, or the refusal's status and text. */
function offer(
  url: string,
  protocols: string[],
): Promise<{ protocol?: string; status?: number; text?: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocols);
    socket.once('open', () => {
      resolve({ protocol: socket.protocol });
      socket.close();
    });
    socket.once('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    socket.once('error', (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}

describe('protocol version negotiation (Sec-WebSocket-Protocol)', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp();
  });

  afterAll(() => api.close());

  it('selects pulse.v1 when the client offers it', async () => {
    await expect(
      offer(`${api.wsUrl}?ticket=${await api.ticketFor('alice')}`, ['pulse.v2', 'pulse.v1']),
    ).resolves.toEqual({ protocol: 'pulse.v1' });
  });

  it('refuses an unknown version at the upgrade with a clear answer', async () => {
    const answer = await offer(`${api.wsUrl}?ticket=${await api.ticketFor('alice')}`, ['pulse.v9']);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('pulse.v1');
  });

  it('takes a client that offers no protocol as v1', async () => {
    await expect(offer(`${api.wsUrl}?ticket=${await api.ticketFor('alice')}`, [])).resolves.toEqual({
      protocol: '',
    });
  });
});
