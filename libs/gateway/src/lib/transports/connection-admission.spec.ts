import type { AuthenticatedUser } from '@pulse/auth';
import { CloseCode, type ServerMessage } from '@pulse/protocol';
import { connectionOf } from '../connection/connection-of';
import { ConnectionRegistry } from '../connection/connection-registry';
import type { RealtimeConnection } from '../connection/realtime-connection';
import { SessionExpiryService } from '../sessions/session-expiry.service';
import { ConnectionAdmission } from './connection-admission';
import { startTransportKit, type TransportKit } from './testing/transport-kit';

/** A connection that records how it was closed, and closes gracefully when `graceful`. */
class RecordingConnection implements RealtimeConnection {
  readonly transport = 'ws' as const;
  readonly rooms = new Set<string>();
  readonly closes: Array<{ code: number; reason: string; graceMs?: number }> = [];
  readonly closeWithin?: (code: CloseCode, reason: string, graceMs: number) => Promise<void>;

  constructor(
    readonly id: string,
    readonly user: AuthenticatedUser,
    graceful = false,
  ) {
    if (graceful)
      this.closeWithin = async (code, reason, graceMs) => void this.closes.push({ code, reason, graceMs });
  }

  send(_message: ServerMessage): void {
    return;
  }
  sendFrame(): void {
    return;
  }
  close(code: CloseCode, reason: string): void {
    this.closes.push({ code, reason });
  }
  markAlive(): void {
    return;
  }
  checkAlive(): boolean {
    return true;
  }
  terminate(): void {
    return;
  }
  setBatching(): boolean {
    return false;
  }
}

const user = (id: string): AuthenticatedUser => ({
  id,
  name: id,
  roles: [],
  expiresAt: Date.now() + 3_600_000,
});

describe('ConnectionAdmission', () => {
  let kit: TransportKit;
  let admission: ConnectionAdmission;
  let registry: ConnectionRegistry;

  beforeEach(async () => {
    kit = await startTransportKit({}, { caps: { maxConnectionsPerUser: 2 } });
    admission = kit.get(ConnectionAdmission);
    registry = kit.get(ConnectionRegistry);
  });

  afterEach(() => kit.close());

  it('registers an admitted connection, finds it from its socket and watches its session', () => {
    const socket = {};
    const connection = new RecordingConnection('c1', user('alice'));
    expect(admission.admit(socket, connection, 'https://app.example')).toBe(true);
    expect(connectionOf(socket)).toBe(connection);
    expect([...registry.values()]).toEqual([connection]);
    expect(kit.get(SessionExpiryService).grantOf(connection)).toMatchObject({
      origin: 'https://app.example',
    });
  });

  it('closes the connection past the per-user cap with 4029 and keeps it out of the registry', () => {
    admission.admit({}, new RecordingConnection('c1', user('alice')), undefined);
    admission.admit({}, new RecordingConnection('c2', user('alice')), undefined);
    const third = new RecordingConnection('c3', user('alice'));
    expect(admission.admit({}, third, undefined)).toBe(false);
    expect(third.closes).toEqual([
      { code: CloseCode.TOO_MANY_CONNECTIONS, reason: expect.stringContaining('at most 2 connections') },
    ]);
    expect(registry.countOf('alice')).toBe(2);
    expect(admission.admit({}, new RecordingConnection('c4', user('bob')), undefined)).toBe(true);
  });

  it('releases a closed connection and counts its close code', async () => {
    const connection = new RecordingConnection('c1', user('alice'));
    admission.admit({}, connection, undefined);
    admission.released(connection, 1006);
    expect(registry.size).toBe(0);
    expect(await kit.metrics()).toContain('pulse_closes_total{code="1006"} 1');
  });

  it('closes everyone at shutdown: with a handshake where the connection has one, at once otherwise', async () => {
    const graceful = new RecordingConnection('c1', user('alice'), true);
    const abrupt = new RecordingConnection('c2', user('bob'));
    admission.admit({}, graceful, undefined);
    admission.admit({}, abrupt, undefined);
    await admission.closeAll(CloseCode.GOING_AWAY, 'server shutting down', 1000);
    expect(graceful.closes).toEqual([{ code: 1001, reason: 'server shutting down', graceMs: 1000 }]);
    expect(abrupt.closes).toEqual([{ code: 1001, reason: 'server shutting down' }]);
  });
});
