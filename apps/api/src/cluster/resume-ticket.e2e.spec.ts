import { DrainService } from '@pulse/gateway';
import { CloseCode } from '@pulse/protocol';
import { startRedisServer, type TestRedisServer } from '@pulse/testing';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient, upgradeStatus } from '../testing/test-client';

const SECRET = 'resume-ticket-e2e-secret-long-enough';

describe('resume tickets: reconnecting without POST /auth/ticket', () => {
  let redis: TestRedisServer;
  let nodes: TestApp[];
  let shortLived: TestApp;
  const toClose: TestClient[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    const env = { REDIS_URL: redis.url, JWT_SECRET: SECRET };
    nodes = await Promise.all([startTestApp(env), startTestApp(env), startTestApp(env)]);
    // The same secret: passport's strategies are one per process, whichever app registered last.
    shortLived = await startTestApp({ JWT_SECRET: SECRET, RESUME_TICKET_TTL_SECONDS: '2' });
  });

  afterAll(async () => {
    await Promise.all(toClose.map((client) => client.close()));
    await Promise.all([...nodes, shortLived].map((node) => node.close()));
    await redis.stop();
  });

  async function open(url: string, options?: { headers: Record<string, string> }): Promise<TestClient> {
    const client = await TestClient.open(url, options);
    toClose.push(client);
    return client;
  }

  it("follows the snapshot with a resume ticket; a drained node's client comes back with it to another node and resumes", async () => {
    // The drained node is the third; the tests after this one use the first two.
    const [a, b, drained] = nodes;
    const alice = await open(`${drained.wsUrl}?ticket=${await drained.ticketFor('alice')}`);
    alice.send({ type: 'join', room: 'resume-drain' });
    const snapshot = await alice.next('snapshot');
    const resumeTicket = await alice.nextResumeTicket();
    expect(alice.resumeTickets[0]).toEqual({ type: 'resume-ticket', ticket: resumeTicket, expiresIn: 60 });

    const bob = await open(`${a.wsUrl}?ticket=${await a.ticketFor('bob')}`);
    bob.send({ type: 'join', room: 'resume-drain' });
    await bob.next('snapshot');

    await drained.app.get(DrainService).drain({ deadlineMs: 5000, batchSize: 10, batchIntervalMs: 10 });
    await expect(alice.closed).resolves.toMatchObject({ code: CloseCode.SERVICE_RESTART });
    bob.send({ type: 'move', room: 'resume-drain', x: 3, y: 3, id: 'while-away' });
    const missed = await bob.next('ack');

    // No HTTP on the way back: the ticket came over the socket, and node B redeems it (Redis is shared).
    const back = await open(`${b.wsUrl}?ticket=${resumeTicket}`);
    back.send({
      type: 'join',
      room: 'resume-drain',
      since: { seq: snapshot.seq, epoch: snapshot.epoch as string },
    });
    await expect(back.next('move')).resolves.toMatchObject({ player: 'bob', x: 3, y: 3, seq: missed.seq });
    const resumed = await back.next('resumed');
    expect(resumed.seq).toBeGreaterThanOrEqual(missed.seq as number);
    expect(back.received.some((message) => message.type === 'snapshot')).toBe(false);
    const next = await back.nextResumeTicket();
    expect(next).not.toBe(resumeTicket);
    // Single use: the ticket that brought it back is spent, on every node.
    await expect(upgradeStatus(`${a.wsUrl}?ticket=${resumeTicket}`)).resolves.toBe(401);
  });

  it('refuses a resume ticket two newer ones replaced, and one used before', async () => {
    const [a, b] = nodes;
    const alice = await open(`${a.wsUrl}?ticket=${await a.ticketFor('alice')}`);
    const received: string[] = [];
    for (let i = 1; i <= 3; i++) {
      alice.send({ type: 'join', room: `resume-replaced-${i}` });
      received.push(await alice.nextResumeTicket(i));
    }
    const [first, second, third] = received;
    expect(new Set(received).size).toBe(3);
    await expect(upgradeStatus(`${b.wsUrl}?ticket=${first}`)).resolves.toBe(401);
    // The one before the latest stays good (the latest may have been sent as the socket closed), once.
    await expect(upgradeStatus(`${b.wsUrl}?ticket=${second}`)).resolves.toBe(101);
    await expect(upgradeStatus(`${b.wsUrl}?ticket=${third}`)).resolves.toBe(101);
    await expect(upgradeStatus(`${a.wsUrl}?ticket=${third}`)).resolves.toBe(401);
  });

  it('refuses the resume ticket of a user revoked after it was minted, on every node', async () => {
    const [a, b] = nodes;
    const carol = await open(`${a.wsUrl}?ticket=${await a.ticketFor('carol')}`);
    carol.send({ type: 'join', room: 'resume-revoked' });
    const ticket = await carol.nextResumeTicket();
    const response = await fetch(`${a.httpUrl}/admin/users/carol/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await a.login('dave')}` },
    });
    expect(response.status).toBe(200);
    await expect(carol.closed).resolves.toMatchObject({ code: CloseCode.AUTH_REVOKED });
    await expect(upgradeStatus(`${b.wsUrl}?ticket=${ticket}`)).resolves.toBe(401);
  });

  it('binds a resume ticket to the origin the socket was opened from', async () => {
    const [a, b] = nodes;
    const origin = 'https://app.example';
    const bob = await open(`${a.wsUrl}?ticket=${await ticketWithOrigin(a, 'bob', origin)}`, {
      headers: { origin },
    });
    bob.send({ type: 'join', room: 'resume-origin' });
    const stolen = await bob.nextResumeTicket();
    await expect(
      upgradeStatus(`${b.wsUrl}?ticket=${stolen}`, { origin: 'https://evil.example' }),
    ).resolves.toBe(401);

    bob.send({ type: 'join', room: 'resume-origin-2' });
    const good = await bob.nextResumeTicket(2);
    await expect(upgradeStatus(`${b.wsUrl}?ticket=${good}`, { origin })).resolves.toBe(101);
  });

  it('refuses a resume ticket after its TTL (RESUME_TICKET_TTL_SECONDS), in memory too', async () => {
    const alice = await open(`${shortLived.wsUrl}?ticket=${await shortLived.ticketFor('alice')}`);
    alice.send({ type: 'join', room: 'resume-expired' });
    const ticket = await alice.nextResumeTicket();
    expect(alice.resumeTickets[0].expiresIn).toBe(2);
    await alice.close();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await expect(upgradeStatus(`${shortLived.wsUrl}?ticket=${ticket}`)).resolves.toBe(401);
  });

  it('replaces the resume ticket after half its lifetime while the socket stays open', async () => {
    const alice = await open(`${shortLived.wsUrl}?ticket=${await shortLived.ticketFor('alice')}`);
    alice.send({ type: 'join', room: 'resume-refresh' });
    const first = await alice.nextResumeTicket(1);
    const refreshed = await alice.nextResumeTicket(2);
    const again = await alice.nextResumeTicket(3);
    expect(new Set([first, refreshed, again]).size).toBe(3);
    await expect(upgradeStatus(`${shortLived.wsUrl}?ticket=${first}`)).resolves.toBe(401);
    await expect(upgradeStatus(`${shortLived.wsUrl}?ticket=${again}`)).resolves.toBe(101);
  });
});

/** A ticket minted by a browser page of `origin` (the Origin header of the ticket request binds it). */
async function ticketWithOrigin(node: TestApp, user: string, origin: string): Promise<string> {
  const response = await fetch(`${node.httpUrl}/auth/ticket`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await node.login(user)}`, origin },
  });
  if (response.status !== 200) throw new Error(`ticket answered ${response.status}`);
  return ((await response.json()) as { ticket: string }).ticket;
}
