import { JwtService } from '@nestjs/jwt';
import { CloseCode } from '@pulse/protocol';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient } from '../testing/test-client';
import { ticketWith } from './testing/tickets';

const SECRET = 'reauth-e2e-secret-that-is-long-enough';

describe('sessions end with their access token, unless the client reauths', () => {
  let api: TestApp;
  const jwt = new JwtService({ secret: SECRET });
  const toClose: TestClient[] = [];

  beforeAll(async () => {
    api = await startTestApp({ JWT_SECRET: SECRET, REAUTH_GRACE_SECONDS: '1' });
  });

  afterAll(async () => {
    for (const client of toClose) if (client.socket.readyState === client.socket.OPEN) await client.close();
    await api.close();
  });

  async function openWith(token: string): Promise<TestClient> {
    const client = await TestClient.open(`${api.wsUrl}?ticket=${await ticketWith(api.httpUrl, token)}`);
    toClose.push(client);
    return client;
  }

  it('keeps a connection alive past its first token with reauth, and closes one that does not with 4001', async () => {
    const keeper = await openWith(jwt.sign({ sub: 'erin' }, { expiresIn: 2 }));
    keeper.send({ type: 'join', room: 'reauth-room' });
    await keeper.next('snapshot');
    // minted after the keeper's token, so it expires no earlier
    const leaver = await openWith(jwt.sign({ sub: 'frank' }, { expiresIn: 2 }));

    await expect(keeper.next('reauth-required')).resolves.toEqual({
      type: 'reauth-required',
      deadlineMs: 1000,
    });
    const fresh = await ticketWith(api.httpUrl, jwt.sign({ sub: 'erin' }, { expiresIn: 3600 }));
    keeper.send({ type: 'reauth', ticket: fresh, id: 'r1' });
    await expect(keeper.next('ack', (m) => m.id === 'r1')).resolves.toEqual({ type: 'ack', id: 'r1' });

    await expect(leaver.next('reauth-required')).resolves.toMatchObject({ deadlineMs: 1000 });
    await expect(leaver.closed).resolves.toEqual({ code: CloseCode.AUTH_EXPIRED, reason: 'session expired' });

    // the keeper's own deadline (its first token's expiry + grace) is behind it by now
    expect(await keeper.settle()).toEqual([]);
    keeper.send({ type: 'move', room: 'reauth-room', x: 4, y: 4, id: 'm' });
    await expect(keeper.next('ack', (m) => m.id === 'm')).resolves.toMatchObject({ id: 'm' });
  });

  it("refuses someone else's ticket or a used one with FORBIDDEN, and the socket stays until its deadline", async () => {
    const client = await openWith(jwt.sign({ sub: 'gina' }, { expiresIn: 3600 }));
    const others = await ticketWith(api.httpUrl, jwt.sign({ sub: 'hank' }, { expiresIn: 3600 }));
    client.send({ type: 'reauth', ticket: others, id: 'x1' });
    await expect(client.next('error')).resolves.toMatchObject({ code: 'FORBIDDEN', id: 'x1' });
    const own = await ticketWith(api.httpUrl, jwt.sign({ sub: 'gina' }, { expiresIn: 3600 }));
    client.send({ type: 'reauth', ticket: own, id: 'x2' });
    await expect(client.next('ack')).resolves.toEqual({ type: 'ack', id: 'x2' });
    client.send({ type: 'reauth', ticket: own, id: 'x3' });
    await expect(client.next('error')).resolves.toMatchObject({ code: 'FORBIDDEN', id: 'x3' });
    expect(await client.settle()).toEqual([]);
  });
});
