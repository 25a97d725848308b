import {
  InMemoryTicketStore,
  TicketsService,
  type AuthenticatedUser,
  type AuthOptions,
  type RenewalDecision,
  type SessionRenewer,
} from '@pulse/auth';
import { CloseCode, type ServerMessage, type ServerMessageOf } from '@pulse/protocol';
import { ConnectionRegistry } from '../connection/connection-registry';
import type { RealtimeConnection } from '../connection/realtime-connection';
import { DrainService } from '../drain/drain.service';
import { ResumeTicketService } from './resume-ticket.service';
import { SessionExpiryService } from './session-expiry.service';

const authOptions: AuthOptions = {
  jwtSecret: 'resume-ticket-spec-secret-long-enough!',
  accessTokenTtlSeconds: 3600,
  ticketTtlSeconds: 30,
  devLogin: true,
  allowedOrigins: [],
};

class RefusingRenewer implements SessionRenewer {
  async renew(): Promise<RenewalDecision> {
    return { ok: false, reason: 'ticket-invalid' };
  }
}

function fakeConnection(user: AuthenticatedUser) {
  const sent: ServerMessage[] = [];
  const closes: number[] = [];
  const connection = {
    id: `c-${user.id}`,
    user,
    send: (message: ServerMessage) => sent.push(message),
    close: (code: number) => closes.push(code),
    terminate: () => undefined,
  } as unknown as RealtimeConnection;
  return {
    connection,
    /** What the connection was told, in order: message types and close codes. */
    told: () => [...sent.map((m) => m.type), ...closes.map(String)],
    resumeTickets: () =>
      sent.filter((m): m is ServerMessageOf<'resume-ticket'> => m.type === 'resume-ticket'),
  };
}

/** Resolves once the microtasks and I/O callbacks queued so far (the store's promises) have run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ResumeTicketService', () => {
  let registry: ConnectionRegistry;
  let store: InMemoryTicketStore;
  let tickets: TicketsService;
  let sessions: SessionExpiryService;
  let drain: DrainService;

  function service(resumeTicketTtlSeconds = 60): ResumeTicketService {
    return new ResumeTicketService(
      registry,
      { reauthGraceSeconds: 30, resumeTicketTtlSeconds },
      tickets,
      sessions,
      drain,
    );
  }

  function open(user: AuthenticatedUser, origin?: string) {
    const fake = fakeConnection(user);
    registry.add(fake.connection);
    sessions.start(fake.connection, origin);
    return fake;
  }

  beforeEach(() => {
    registry = new ConnectionRegistry();
    drain = new DrainService(registry);
    store = new InMemoryTicketStore();
    tickets = new TicketsService(store, authOptions);
    sessions = new SessionExpiryService(
      registry,
      { reauthGraceSeconds: 30, resumeTicketTtlSeconds: 60 },
      new RefusingRenewer(),
    );
  });

  afterEach(() => sessions.onApplicationShutdown());

  it('gives every client of a draining node a fresh ticket before asking it to leave', async () => {
    const resume = service();
    const carol = open({ id: 'carol', name: 'Carol', roles: [] });
    resume.offer(carol.connection);
    await settle();
    const drained = drain.drain({ deadlineMs: 60, batchSize: 10, batchIntervalMs: 1 });
    await settle();
    const sent = carol.resumeTickets();
    expect(sent).toHaveLength(2);
    expect(carol.told()).toEqual(['resume-ticket', 'resume-ticket', String(CloseCode.SERVICE_RESTART)]);
    registry.remove(carol.connection);
    await drained;
    await expect(tickets.redeem(sent[1].ticket)).resolves.toMatchObject({ user: { id: 'carol' } });
  });

  it('sends a ticket good once for this user and origin, and burns it when the next but one is sent', async () => {
    const resume = service();
    const alice = open({ id: 'alice', name: 'Alice', roles: ['admin'] }, 'https://app.example');
    resume.offer(alice.connection);
    await settle();
    const [first] = alice.resumeTickets();
    expect(first).toMatchObject({ type: 'resume-ticket', expiresIn: 60 });
    for (let i = 0; i < 2; i++) {
      resume.offer(alice.connection);
      await settle();
    }
    const [, second, third] = alice.resumeTickets();
    await expect(tickets.redeem(first.ticket)).resolves.toBeNull();
    // The one before the latest stays good: the latest may have been sent as the socket closed.
    await expect(tickets.redeem(second.ticket)).resolves.toMatchObject({ user: { id: 'alice' } });
    await expect(tickets.redeem(third.ticket)).resolves.toMatchObject({
      user: { id: 'alice', roles: ['admin'] },
      origin: 'https://app.example',
      issuedAt: expect.any(Number),
    });
    await expect(tickets.redeem(third.ticket)).resolves.toBeNull();
    resume.onApplicationShutdown();
  });

  it('folds offers made while one is being minted into one ticket', async () => {
    const resume = service();
    const bob = open({ id: 'bob', name: 'Bob', roles: [] });
    for (let i = 0; i < 3; i++) resume.offer(bob.connection);
    await settle();
    expect(bob.resumeTickets()).toHaveLength(1);
    resume.onApplicationShutdown();
  });

  it('never outlives the identity: capped by its expiry, none when under 2 s are left', async () => {
    const resume = service();
    const soon = open({ id: 'carol', name: 'Carol', roles: [], expiresAt: Date.now() + 20_500 });
    resume.offer(soon.connection);
    const almost = open({ id: 'dave', name: 'Dave', roles: [], expiresAt: Date.now() + 1_500 });
    resume.offer(almost.connection);
    await settle();
    expect(soon.resumeTickets().map((m) => m.expiresIn)).toEqual([20]);
    expect(almost.resumeTickets()).toEqual([]);
    resume.onApplicationShutdown();
  });

  it('sends nothing to a closed connection (and leaves no good ticket), nor when turned off', async () => {
    const resume = service();
    const erin = open({ id: 'erin', name: 'Erin', roles: [] });
    resume.offer(erin.connection);
    registry.remove(erin.connection);
    await settle();
    expect(erin.resumeTickets()).toEqual([]);
    expect(store.size).toBe(0);

    const off = service(0);
    const frank = open({ id: 'frank', name: 'Frank', roles: [] });
    off.offer(frank.connection);
    await settle();
    expect(frank.resumeTickets()).toEqual([]);
    resume.onApplicationShutdown();
  });

  it('replaces the ticket after half its lifetime while the connection stays open', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    try {
      const resume = service(10);
      const gina = open({ id: 'gina', name: 'Gina', roles: [] });
      resume.offer(gina.connection);
      await settle();
      jest.advanceTimersByTime(4_999);
      await settle();
      expect(gina.resumeTickets()).toHaveLength(1);
      jest.advanceTimersByTime(1);
      await settle();
      expect(gina.resumeTickets()).toHaveLength(2);
      registry.remove(gina.connection);
      jest.advanceTimersByTime(60_000);
      await settle();
      expect(gina.resumeTickets()).toHaveLength(2);
      resume.onApplicationShutdown();
    } finally {
      jest.useRealTimers();
    }
  });
});
