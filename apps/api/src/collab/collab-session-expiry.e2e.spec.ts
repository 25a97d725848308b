import { JwtService } from '@nestjs/jwt';
import { CloseCode } from '@pulse/protocol';
import { WebSocket } from 'ws';
import { ticketWith } from '../security/testing/tickets';
import { startTestApp, type TestApp } from '../testing/test-app';

const SECRET = 'collab-expiry-secret-that-is-long-enough';

describe('/collab/<document> sockets end with their access token', () => {
  let api: TestApp;
  const jwt = new JwtService({ secret: SECRET });

  beforeAll(async () => {
    api = await startTestApp({ JWT_SECRET: SECRET, REAUTH_GRACE_SECONDS: '1' });
  });

  afterAll(() => api.close());

  it('closes with 4001 after the grace period, having sent only binary frames (no reauth-required)', async () => {
    const ticket = await ticketWith(api.httpUrl, jwt.sign({ sub: 'erin' }, { expiresIn: 2 }));
    const socket = new WebSocket(`${api.httpUrl.replace(/^http/, 'ws')}/collab/expiring?ticket=${ticket}`);
    const frames: boolean[] = [];
    socket.on('message', (_data, isBinary) => frames.push(isBinary));
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    await expect(closed).resolves.toEqual({ code: CloseCode.AUTH_EXPIRED, reason: 'session expired' });
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.every((binary) => binary)).toBe(true);
  });
});
