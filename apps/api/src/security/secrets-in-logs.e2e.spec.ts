import { LogCapture } from '../testing/log-capture';
import { SocketIoTestClient } from '../testing/socket-io-test-client';
import { startTestApp } from '../testing/test-app';
import { TestClient, upgradeStatus } from '../testing/test-client';
import { postTicket } from './testing/tickets';

/**
 * Everything logged while `run` runs: what the app's logger writes to the destination handed to `run`, and anything
 * written to stdout or stderr besides.
 */
async function captureOutput(run: (logs: LogCapture) => Promise<void>): Promise<string> {
  const chunks: string[] = [];
  const logs = new LogCapture();
  const original = {
    out: process.stdout.write.bind(process.stdout),
    err: process.stderr.write.bind(process.stderr),
  };
  const capture = (chunk: unknown) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString());
    return true;
  };
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  try {
    await run(logs);
  } finally {
    process.stdout.write = original.out;
    process.stderr.write = original.err;
  }
  return logs.text() + chunks.join('');
}

describe('secrets stay out of the logs', () => {
  it('logs a whole session at the most verbose level without a ticket, a token or an Authorization value', async () => {
    const secrets: string[] = [];
    const wrongPassword = 'hunter2-not-the-password';
    const logs = await captureOutput(async (logDestination) => {
      const api = await startTestApp(
        { LOG_LEVEL: 'trace', ALLOWED_ORIGINS: 'https://app.example' },
        { logDestination },
      );
      try {
        const badLogin = await fetch(`${api.httpUrl}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'alice', password: wrongPassword }),
        });
        expect(badLogin.status).toBe(401);
        const token = await api.login('alice');
        secrets.push(token);
        const forged = `${token.slice(0, -6)}AAAAAA`;
        secrets.push(forged);
        expect((await postTicket(api.httpUrl, forged)).status).toBe(401);

        const ticket = await api.ticketFor('alice');
        secrets.push(ticket);
        const client = await TestClient.open(`${api.wsUrl}?ticket=${ticket}`);
        client.send({ type: 'join', room: 'logged' });
        await client.next('snapshot');
        client.send({ type: 'move', room: 'logged', x: 1, y: 2, id: 'm1' });
        await client.next('ack');
        client.send({ type: 'join', room: 'admin:secret', id: 'j' });
        await client.next('error');
        const reauthTicket = await api.ticketFor('bob');
        secrets.push(reauthTicket);
        client.send({ type: 'reauth', ticket: reauthTicket, id: 'r' });
        await client.next('error');
        const resumeTicket = await client.nextResumeTicket();
        secrets.push(resumeTicket);
        await client.close();
        // Reconnecting with the resume ticket (good once), then again with the same one (refused).
        await expect(upgradeStatus(`${api.wsUrl}?ticket=${resumeTicket}`)).resolves.toBe(101);
        await expect(upgradeStatus(`${api.wsUrl}?ticket=${resumeTicket}`)).resolves.toBe(401);

        await expect(upgradeStatus(`${api.wsUrl}?ticket=${ticket}`)).resolves.toBe(401);
        await expect(upgradeStatus(`${api.wsUrl}?token=${token}`)).resolves.toBe(401);
        await expect(upgradeStatus(`${api.wsUrl}?access_token=${token}&ticket=${ticket}`)).resolves.toBe(401);
        const evilTicket = await api.ticketFor('carol');
        secrets.push(evilTicket);
        await expect(
          upgradeStatus(`${api.wsUrl}?ticket=${evilTicket}`, { origin: 'https://evil.example' }),
        ).resolves.toBe(403);

        const refreshCookie = (response: Response) =>
          /^pulse_refresh=([^;]*)/.exec(response.headers.getSetCookie()[0] ?? '')?.[1] ?? '';
        const signedIn = await fetch(`${api.httpUrl}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'bob', password: 'pulse' }),
        });
        const firstRefresh = refreshCookie(signedIn);
        const rotated = await fetch(`${api.httpUrl}/auth/refresh`, {
          method: 'POST',
          headers: { cookie: `pulse_refresh=${firstRefresh}` },
        });
        const nextRefresh = refreshCookie(rotated);
        secrets.push(
          firstRefresh,
          firstRefresh.split('.')[1] ?? 'missing',
          nextRefresh,
          nextRefresh.split('.')[1] ?? 'missing',
        );
        secrets.push(((await rotated.json()) as { accessToken: string }).accessToken);
        expect(
          (
            await fetch(`${api.httpUrl}/auth/refresh`, {
              method: 'POST',
              headers: { cookie: `pulse_refresh=${firstRefresh}` },
            })
          ).status,
        ).toBe(401);
        expect(
          (
            await fetch(`${api.httpUrl}/auth/logout`, {
              method: 'POST',
              headers: { cookie: `pulse_refresh=${nextRefresh}` },
            })
          ).status,
        ).toBe(204);

        const sioTicket = await api.ticketFor('dave');
        secrets.push(sioTicket);
        const sio = await SocketIoTestClient.connect(api.httpUrl, sioTicket);
        sio.close();
        await expect(SocketIoTestClient.connect(api.httpUrl, sioTicket)).rejects.toMatchObject({
          data: { status: 401 },
        });
      } finally {
        await api.close();
      }
    });

    // the session was logged, so the search below looked at something
    expect(logs).toContain('POST /auth/ticket 200');
    expect(logs).toContain('POST /auth/ticket 401');
    expect(logs).toContain('upgrade refused (credential-in-url)');
    expect(logs).toContain('upgrade refused (ticket-invalid)');
    expect(logs).toContain('reauth refused (user-mismatch)');
    expect(logs).toContain('POST /auth/refresh 200');
    expect(logs).toContain('POST /auth/refresh 401');
    expect(logs).toContain('a spent refresh token was presented again');
    expect(secrets.length).toBeGreaterThanOrEqual(6);
    for (const secret of secrets) {
      expect(logs).not.toContain(secret);
      expect(logs).not.toContain(secret.slice(0, 24));
    }
    expect(logs).not.toContain(wrongPassword);
    expect(logs).not.toMatch(/bearer\s/i);
    expect(logs).not.toMatch(/ticket=|token=|authorization|pulse_refresh=|set-cookie|"cookie"/i);
  });
});
