import type { UpgradeAuthorizer, UpgradeDecision, UpgradeRequest } from '@pulse/auth';
import type { IncomingMessage } from 'node:http';
import { UpgradeGate } from './upgrade-gate';

const alice = { id: 'alice', name: 'Alice', roles: [], expiresAt: Number.MAX_SAFE_INTEGER };

function request(url: string, headers: Record<string, string> = {}): IncomingMessage {
  return { url, headers, socket: { remoteAddress: '127.0.0.7' } } as unknown as IncomingMessage;
}

function gate(decide: (request: UpgradeRequest) => Promise<UpgradeDecision>, draining = false) {
  const seen: UpgradeRequest[] = [];
  const refused: string[] = [];
  const authorizer: UpgradeAuthorizer = { authorize: (upgrade) => (seen.push(upgrade), decide(upgrade)) };
  return {
    gate: new UpgradeGate({
      authorizer,
      isDraining: () => draining,
      refused: (reason) => refused.push(reason),
    }),
    seen,
    refused,
  };
}

describe('UpgradeGate', () => {
  it('hands the authorizer the URL (with its ticket), origin, host, peer and X-Forwarded-For, and returns the user', async () => {
    const { gate: subject, seen, refused } = gate(async () => ({ ok: true, user: alice }));
    const answer = await subject.decide(
      request('/socket.io/?EIO=4&transport=polling&ticket=T', {
        origin: 'https://a.example',
        host: 'pulse',
        'x-forwarded-for': '10.0.0.1',
      }),
    );
    expect(answer).toEqual({ ok: true, user: alice });
    expect(seen).toEqual([
      {
        url: '/socket.io/?EIO=4&transport=polling&ticket=T',
        headers: { origin: 'https://a.example', host: 'pulse' },
        remoteAddress: '127.0.0.7',
        forwardedFor: '10.0.0.1',
      },
    ]);
    expect(refused).toEqual([]);
  });

  it('answers a refusal with its status and Retry-After, and counts it by reason', async () => {
    const { gate: subject, refused } = gate(async () => ({
      ok: false,
      status: 429,
      reason: 'too-many-failures',
      retryAfterSeconds: 12,
    }));
    await expect(subject.decide(request('/ws?ticket=guess'))).resolves.toEqual({
      ok: false,
      status: 429,
      reason: 'too-many-failures',
      headers: { 'Retry-After': '12' },
    });
    const missing = gate(async () => ({ ok: false, status: 401, reason: 'ticket-missing' }));
    await expect(missing.gate.decide(request('/socket.io/?EIO=4&transport=polling'))).resolves.toMatchObject({
      status: 401,
      headers: {},
    });
    expect([...refused, ...missing.refused]).toEqual(['too-many-failures', 'ticket-missing']);
  });

  it('refuses with 503 while draining, without asking the authorizer (a ticket stays unspent)', async () => {
    const { gate: subject, seen, refused } = gate(async () => ({ ok: true, user: alice }), true);
    await expect(subject.decide(request('/ws?ticket=T'))).resolves.toEqual({
      ok: false,
      status: 503,
      reason: 'draining',
      headers: { 'Retry-After': '1' },
    });
    expect(seen).toEqual([]);
    expect(refused).toEqual(['draining']);
  });

  it('answers 503 when the ticket store cannot be asked', async () => {
    const { gate: subject, refused } = gate(() => Promise.reject(new Error('connection is closed')));
    await expect(subject.decide(request('/ws?ticket=T'))).resolves.toMatchObject({
      ok: false,
      status: 503,
      reason: 'auth-unavailable',
    });
    expect(refused).toEqual(['auth-unavailable']);
  });
});
