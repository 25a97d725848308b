import type { AuthenticatedUser, UpgradeAuthorizer } from '@pulse/auth';
import type { IncomingMessage } from 'node:http';
import { ConnectionRegistry } from '../connection/connection-registry';
import type { RealtimeConnection } from '../connection/realtime-connection';
import { DrainService } from '../drain/drain.service';
import { startTransportKit, type TransportKit } from './testing/transport-kit';
import { UpgradeGates } from './upgrade-gates';

function request(url: string, remoteAddress = '127.0.0.9'): IncomingMessage {
  return { url, headers: { host: 'pulse' }, socket: { remoteAddress } } as unknown as IncomingMessage;
}

const someone = (id: string): AuthenticatedUser => ({ id, name: id, roles: [] });

describe('UpgradeGates', () => {
  let kit: TransportKit;

  beforeEach(async () => {
    kit = await startTransportKit(
      {},
      { rateLimits: { upgradeFailuresPerMinute: 2 }, caps: { maxConnectionsPerUser: 1 } },
    );
  });

  afterEach(() => kit.close());

  it('decides with the app ticket check by default, and with the adapter’s authorizer when it was given one', async () => {
    const tickets = kit.get(UpgradeGates).gateFor();
    await expect(
      tickets.decide(request(`/ws?ticket=${await kit.ticketFor('alice')}`)),
    ).resolves.toMatchObject({
      ok: true,
      user: { id: 'alice' },
    });
    const everyone: UpgradeAuthorizer = { authorize: async () => ({ ok: true, user: someone('u1') }) };
    await expect(kit.get(UpgradeGates).gateFor(everyone).decide(request('/ws'))).resolves.toMatchObject({
      ok: true,
      user: { id: 'u1' },
    });
  });

  it('throttles an address that keeps failing (429), and counts every refusal by reason', async () => {
    const gate = kit.get(UpgradeGates).gateFor();
    const reasons = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      const answer = await gate.decide(request('/ws?ticket=made-up'));
      reasons.push(answer.ok ? 'ok' : answer.reason);
    }
    expect(reasons.slice(0, 2)).toEqual(['ticket-invalid', 'ticket-invalid']);
    expect(reasons.slice(2)).toEqual(['too-many-failures', 'too-many-failures']);
    await expect(
      gate.decide(request(`/ws?ticket=${await kit.ticketFor('carol')}`, '127.0.0.10')),
    ).resolves.toMatchObject({
      ok: true,
    });
    const metrics = await kit.metrics();
    expect(metrics).toContain('pulse_upgrades_refused_total{reason="ticket-invalid"} 2');
    expect(metrics).toContain('pulse_upgrades_refused_total{reason="too-many-failures"} 2');
  });

  it('refuses a user at the connection cap with 429 and Retry-After, without spending the address budget', async () => {
    kit.get(ConnectionRegistry).add({ id: 'c1', user: someone('alice') } as unknown as RealtimeConnection);
    const gate = kit.get(UpgradeGates).gateFor();
    for (let attempt = 0; attempt < 3; attempt++) {
      await expect(gate.decide(request(`/ws?ticket=${await kit.ticketFor('alice')}`))).resolves.toEqual({
        ok: false,
        status: 429,
        reason: 'too-many-connections',
        headers: { 'Retry-After': '10' },
      });
    }
    await expect(gate.decide(request(`/ws?ticket=${await kit.ticketFor('bob')}`))).resolves.toMatchObject({
      ok: true,
    });
  });

  it('refuses with 503 while the node drains', async () => {
    const gate = kit.get(UpgradeGates).gateFor();
    void kit.get(DrainService).drain();
    await expect(gate.decide(request(`/ws?ticket=${await kit.ticketFor('alice')}`))).resolves.toMatchObject({
      ok: false,
      status: 503,
      reason: 'draining',
    });
  });
});
