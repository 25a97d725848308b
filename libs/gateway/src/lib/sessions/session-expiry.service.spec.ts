import type { AuthenticatedUser, RenewalDecision, RenewedSession, SessionRenewer } from '@pulse/auth';
import { CloseCode, type ServerMessage } from '@pulse/protocol';
import { ConnectionRegistry } from '../connection/connection-registry';
import type { RealtimeConnection } from '../connection/realtime-connection';
import { SessionExpiryService } from './session-expiry.service';

function fakeConnection(user: AuthenticatedUser) {
  const sent: ServerMessage[] = [];
  const closes: Array<{ code: number; reason: string }> = [];
  const connection = {
    id: `c-${user.id}`,
    user,
    send: (message: ServerMessage) => sent.push(message),
    close: (code: number, reason: string) => closes.push({ code, reason }),
  } as unknown as RealtimeConnection;
  return { connection, sent, closes };
}

/** Renews with tickets named `fresh:<user>:<expiresAt>`; anything else is refused. */
class FakeRenewer implements SessionRenewer {
  readonly asked: RenewedSession[] = [];
  async renew(ticket: string, session: RenewedSession): Promise<RenewalDecision> {
    this.asked.push(session);
    const [kind, user, expiresAt] = ticket.split(':');
    if (kind !== 'fresh') return { ok: false, reason: 'ticket-invalid' };
    if (user !== session.userId) return { ok: false, reason: 'user-mismatch' };
    return { ok: true, user: { id: user, name: user, roles: [], expiresAt: Number(expiresAt) } };
  }
}

describe('SessionExpiryService', () => {
  let registry: ConnectionRegistry;
  let renewer: FakeRenewer;
  let sessions: SessionExpiryService;

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    registry = new ConnectionRegistry();
    renewer = new FakeRenewer();
    sessions = new SessionExpiryService(
      registry,
      { reauthGraceSeconds: 10, resumeTicketTtlSeconds: 60 },
      renewer,
    );
  });

  afterEach(() => {
    sessions.onApplicationShutdown();
    jest.useRealTimers();
  });

  it('asks for reauth when the token expires, and closes with 4001 after the grace period', () => {
    const { connection, sent, closes } = fakeConnection({
      id: 'alice',
      name: 'Alice',
      roles: [],
      expiresAt: 1_060_000,
    });
    sessions.start(connection);
    jest.advanceTimersByTime(59_999);
    expect(sent).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(sent).toEqual([{ type: 'reauth-required', deadlineMs: 10_000 }]);
    jest.advanceTimersByTime(9_999);
    expect(closes).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(closes).toEqual([{ code: CloseCode.AUTH_EXPIRED, reason: 'session expired' }]);
    expect(sessions.expired).toBe(1);
  });

  it('keeps a connection that reauths within the grace period until its new token expires', async () => {
    const { connection, sent, closes } = fakeConnection({
      id: 'alice',
      name: 'Alice',
      roles: [],
      expiresAt: 1_060_000,
    });
    sessions.start(connection, 'https://app.example');
    jest.advanceTimersByTime(65_000);
    await sessions.renew(connection, 'fresh:alice:2000000');
    expect(renewer.asked).toEqual([{ userId: 'alice', origin: 'https://app.example' }]);
    expect(sessions.expiresAt(connection)).toBe(2_000_000);
    jest.advanceTimersByTime(2_000_000 - 1_065_000 - 1);
    expect(closes).toEqual([]);
    expect(sent).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(sent).toHaveLength(2);
  });

  it("refuses someone else's or a bad ticket with FORBIDDEN, and still closes at the deadline", async () => {
    const { connection, closes } = fakeConnection({
      id: 'alice',
      name: 'Alice',
      roles: [],
      expiresAt: 1_001_000,
    });
    sessions.start(connection);
    jest.advanceTimersByTime(1_000);
    await expect(sessions.renew(connection, 'fresh:bob:9999999999')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(sessions.renew(connection, 'made-up')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    jest.advanceTimersByTime(10_000);
    expect(closes).toEqual([{ code: CloseCode.AUTH_EXPIRED, reason: 'session expired' }]);
  });

  it('forgets a connection when it closes, and leaves identities without expiry alone', () => {
    const { connection, sent } = fakeConnection({
      id: 'alice',
      name: 'Alice',
      roles: [],
      expiresAt: 1_001_000,
    });
    registry.add(connection);
    sessions.start(connection);
    registry.remove(connection);
    expect(sessions.size).toBe(0);
    jest.advanceTimersByTime(60_000);
    expect(sent).toEqual([]);
    const forever = fakeConnection({ id: 'svc', name: 'svc', roles: [] });
    sessions.start(forever.connection);
    jest.advanceTimersByTime(10 ** 9);
    expect(forever.sent).toEqual([]);
  });

  it('asks at once when the token had already expired by the time the socket opened', () => {
    const { connection, sent } = fakeConnection({
      id: 'alice',
      name: 'Alice',
      roles: [],
      expiresAt: 999_000,
    });
    sessions.start(connection);
    jest.advanceTimersByTime(0);
    expect(sent).toEqual([{ type: 'reauth-required', deadlineMs: 10_000 }]);
  });

  it('reaches an expiry beyond setTimeout range in steps', () => {
    const far = 1_000_000 + 2 ** 31 + 5_000;
    const { connection, sent } = fakeConnection({ id: 'alice', name: 'Alice', roles: [], expiresAt: far });
    sessions.start(connection);
    jest.advanceTimersByTime(2 ** 31 - 1);
    expect(sent).toEqual([]);
    jest.advanceTimersByTime(far - 1_000_000 - (2 ** 31 - 1));
    expect(sent).toHaveLength(1);
  });
});
