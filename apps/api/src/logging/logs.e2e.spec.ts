import { Logger } from '@nestjs/common';
import { LogCapture, type LogEntry } from '../testing/log-capture';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient } from '../testing/test-client';
import { waitFor } from '../testing/wait-for';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the API logs', () => {
  let api: TestApp;
  const capture = new LogCapture();

  beforeAll(async () => {
    api = await startTestApp({ LOG_LEVEL: 'debug' }, { logDestination: capture });
  });

  afterAll(() => api.close());

  async function loggedLine(predicate: (entry: LogEntry) => boolean, what: string): Promise<LogEntry> {
    await waitFor(async () => capture.entries().some(predicate), what);
    return capture.entries().find(predicate) as LogEntry;
  }

  it('writes every line as one JSON object with level, time and message, and Nest contexts as a field', () => {
    const entries = capture.entries();
    expect(entries.length).toBeGreaterThan(10);
    for (const entry of entries) {
      expect(entry).toMatchObject({
        level: expect.any(String),
        time: expect.any(String),
        msg: expect.any(String),
      });
    }
    expect(entries).toContainEqual(
      expect.objectContaining({ context: 'NestApplication', msg: 'Nest application successfully started' }),
    );
  });

  it('gives each HTTP request line a request id: a sane X-Request-Id, else a new one, echoed in the response', async () => {
    const given = await fetch(`${api.httpUrl}/healthz`, { headers: { 'x-request-id': 'edge-42' } });
    expect(given.headers.get('x-request-id')).toBe('edge-42');
    expect(await loggedLine((entry) => entry['reqId'] === 'edge-42', 'the request line')).toMatchObject({
      msg: 'GET /healthz 200',
      level: 'debug',
      req: { id: 'edge-42', method: 'GET', url: '/healthz' },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
    });

    const insane = await fetch(`${api.httpUrl}/no-such-page`, { headers: { 'x-request-id': 'two words' } });
    const made = insane.headers.get('x-request-id') ?? '';
    expect(made).toMatch(UUID);
    expect(await loggedLine((entry) => entry['reqId'] === made, 'the 404 line')).toMatchObject({
      msg: 'GET /no-such-page 404',
      level: 'warn',
    });
  });

  it('never logs a ticket or a JWT: not from URLs, headers or messages', async () => {
    const token = await api.login('alice');
    const ticket = await api.ticketFor('alice');
    const probe = await fetch(`${api.httpUrl}/healthz?ticket=${ticket}&access_token=${token}`, {
      headers: {
        authorization: `Bearer ${token}`,
        cookie: `session=${token}`,
        referer: `http://app.example/?ticket=${ticket}`,
        'x-request-id': 'probe-1',
      },
    });
    expect(probe.status).toBe(200);
    await fetch(`${api.httpUrl}/rooms/${token}`, { headers: { 'x-request-id': 'probe-2' } });
    new Logger('Careless').warn(`could not verify ${token} for ticket=${ticket}`);

    const line = await loggedLine((entry) => entry['reqId'] === 'probe-1', 'the probe line');
    expect(line).toMatchObject({ req: { url: '/healthz?ticket=[REDACTED]&access_token=[REDACTED]' } });
    const headers = (line['req'] as { headers: Record<string, string> }).headers;
    expect(headers).not.toHaveProperty('authorization');
    expect(headers).not.toHaveProperty('cookie');
    expect(headers['referer']).toBe('http://app.example/?ticket=[REDACTED]');
    expect(await loggedLine((entry) => entry['reqId'] === 'probe-2', 'the JWT path line')).toMatchObject({
      msg: 'GET /rooms/[REDACTED] 404',
    });
    expect(await loggedLine((entry) => entry['context'] === 'Careless', 'the careless line')).toMatchObject({
      msg: 'could not verify [REDACTED] for ticket=[REDACTED]',
    });
    // the ticket request itself was logged (with its Authorization header), so the search below saw it
    await loggedLine((entry) => entry.msg === 'POST /auth/ticket 200', 'the ticket request line');

    const text = capture.text();
    for (const secret of [ticket, token, ticket.slice(0, 16), token.split('.')[1], token.split('.')[2]])
      expect(text).not.toContain(secret);
  });

  it('tags every line about a socket with its connection id and user', async () => {
    const client = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor('alice')}`);
    const opened = await loggedLine(
      (entry) => entry.msg === 'connection opened' && entry['userId'] === 'alice',
      'the open line',
    );
    expect(opened).toMatchObject({
      context: 'Connections',
      connectionId: expect.any(String),
      transport: 'ws',
    });
    const connectionId = opened['connectionId'];

    client.send({ type: 'reauth', ticket: await api.ticketFor('bob'), id: 'r' });
    await client.next('error');
    expect(
      await loggedLine((entry) => entry.msg === 'reauth refused (user-mismatch)', 'the refusal'),
    ).toMatchObject({
      level: 'warn',
      context: 'Sessions',
      connectionId,
      userId: 'alice',
    });

    await client.close();
    await loggedLine(
      (entry) => entry.msg === 'connection closed' && entry['connectionId'] === connectionId,
      'the close line',
    );
  });
});

describe('LOG_LEVEL', () => {
  it('drops the lines below it: at warn, a 404 is logged and a 200 or a startup line is not', async () => {
    const capture = new LogCapture();
    const api = await startTestApp({ LOG_LEVEL: 'warn' }, { logDestination: capture });
    try {
      expect((await fetch(`${api.httpUrl}/healthz`)).status).toBe(200);
      await fetch(`${api.httpUrl}/no-such-page`);
      await waitFor(async () => capture.withMessage('GET /no-such-page 404').length === 1, 'the 404 line');
      expect(capture.entries().filter((entry) => !['warn', 'error', 'fatal'].includes(entry.level))).toEqual(
        [],
      );
    } finally {
      await api.close();
    }
  });
});
