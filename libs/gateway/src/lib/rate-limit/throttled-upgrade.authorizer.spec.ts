import type { UpgradeAuthorizer, UpgradeDecision, UpgradeRequest } from '@pulse/auth';
import { ThrottledUpgradeAuthorizer } from './throttled-upgrade.authorizer';

const alice = { id: 'alice', name: 'Alice', roles: [] };

/** An authorizer that lets in requests carrying ?ticket=good, and counts what it was asked. */
function fakeAuthorizer() {
  const asked: UpgradeRequest[] = [];
  const inner: UpgradeAuthorizer = {
    async authorize(request): Promise<UpgradeDecision> {
      asked.push(request);
      return request.url === '/ws?ticket=good'
        ? { ok: true, user: alice }
        : { ok: false, status: 401, reason: 'ticket-invalid' };
    },
  };
  return { inner, asked };
}

describe('ThrottledUpgradeAuthorizer', () => {
  let now: number;
  const clock = () => now;
  const bad = (remoteAddress: string) => ({ url: '/ws?ticket=bad', headers: {}, remoteAddress });
  const good = (remoteAddress: string) => ({ url: '/ws?ticket=good', headers: {}, remoteAddress });

  beforeEach(() => (now = 0));

  it('answers 429 once an address used up its refusals, without asking the inner authorizer', async () => {
    const { inner, asked } = fakeAuthorizer();
    const throttled = new ThrottledUpgradeAuthorizer(inner, { failuresPerMinute: 3 }, clock);
    for (let i = 0; i < 3; i++)
      await expect(throttled.authorize(bad('198.51.100.1'))).resolves.toMatchObject({ status: 401 });
    await expect(throttled.authorize(good('198.51.100.1'))).resolves.toEqual({
      ok: false,
      status: 429,
      reason: 'too-many-failures',
      retryAfterSeconds: 20,
    });
    expect(asked).toHaveLength(3);
  });

  it('never counts successful upgrades: a thousand users behind one NAT address get in', async () => {
    const { inner } = fakeAuthorizer();
    const throttled = new ThrottledUpgradeAuthorizer(inner, { failuresPerMinute: 3 }, clock);
    for (let i = 0; i < 1000; i++)
      await expect(throttled.authorize(good('198.51.100.2'))).resolves.toMatchObject({ ok: true });
  });

  it('does not count its own 429s, so an address that stops guessing gets back in at the configured rate', async () => {
    const { inner } = fakeAuthorizer();
    const throttled = new ThrottledUpgradeAuthorizer(inner, { failuresPerMinute: 60 }, clock);
    for (let i = 0; i < 60; i++) await throttled.authorize(bad('198.51.100.3'));
    for (let i = 0; i < 500; i++)
      await expect(throttled.authorize(bad('198.51.100.3'))).resolves.toMatchObject({ status: 429 });
    now += 1000;
    await expect(throttled.authorize(good('198.51.100.3'))).resolves.toMatchObject({ ok: true });
  });

  it('keeps addresses apart, and an IPv6 /64 together', async () => {
    const { inner } = fakeAuthorizer();
    const throttled = new ThrottledUpgradeAuthorizer(inner, { failuresPerMinute: 2 }, clock);
    await throttled.authorize(bad('2001:db8:1:1::a'));
    await throttled.authorize(bad('2001:db8:1:1::b'));
    await expect(throttled.authorize(good('2001:db8:1:1::c'))).resolves.toMatchObject({ status: 429 });
    await expect(throttled.authorize(good('2001:db8:1:2::c'))).resolves.toMatchObject({ ok: true });
    await expect(throttled.authorize(good('198.51.100.4'))).resolves.toMatchObject({ ok: true });
  });
});

describe('ThrottledUpgradeAuthorizer behind a trusted proxy', () => {
  const viaNginx = (client: string, ticket: string) => ({
    url: `/ws?ticket=${ticket}`,
    headers: {},
    remoteAddress: '127.0.0.1',
    forwardedFor: client,
  });

  it('counts each client behind the proxy apart, so one guesser does not lock everyone out', async () => {
    const { inner } = fakeAuthorizer();
    const throttled = new ThrottledUpgradeAuthorizer(
      inner,
      { failuresPerMinute: 2, trustedProxies: ['127.0.0.1'] },
      () => 0,
    );
    await throttled.authorize(viaNginx('203.0.113.1', 'bad'));
    await throttled.authorize(viaNginx('203.0.113.1', 'bad'));
    await expect(throttled.authorize(viaNginx('203.0.113.1', 'good'))).resolves.toMatchObject({
      status: 429,
    });
    await expect(throttled.authorize(viaNginx('203.0.113.2', 'good'))).resolves.toMatchObject({ ok: true });
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const { inner } = fakeAuthorizer();
    const throttled = new ThrottledUpgradeAuthorizer(
      inner,
      { failuresPerMinute: 2, trustedProxies: ['127.0.0.1'] },
      () => 0,
    );
    const spoofed = (client: string) => ({
      url: '/ws?ticket=bad',
      headers: {},
      remoteAddress: '198.51.100.9',
      forwardedFor: client,
    });
    await throttled.authorize(spoofed('203.0.113.1'));
    await throttled.authorize(spoofed('203.0.113.2'));
    await expect(throttled.authorize(spoofed('203.0.113.3'))).resolves.toMatchObject({ status: 429 });
  });
});
