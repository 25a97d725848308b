import { InMemoryRefreshTokenStore } from '../refresh/in-memory-refresh-token.store';
import type { AuthOptions } from '../auth-options';
import { InMemoryRevocationStore } from '../revocation/in-memory-revocation.store';
import { RevocationList } from '../revocation/revocation-list';
import { InMemoryTicketStore } from '../tickets/in-memory-ticket.store';
import { TicketsService } from '../tickets/tickets.service';
import { TicketUpgradeAuthorizer } from './ticket-upgrade.authorizer';

const alice = { id: 'alice', name: 'Alice', roles: [] };

function setup(allowedOrigins: string[] = []) {
  const options: AuthOptions = {
    jwtSecret: 'x'.repeat(32),
    accessTokenTtlSeconds: 3600,
    ticketTtlSeconds: 30,
    devLogin: true,
    allowedOrigins,
  };
  const tickets = new TicketsService(new InMemoryTicketStore(), options);
  const revocations = new RevocationList(
    new InMemoryRevocationStore(),
    new InMemoryRefreshTokenStore(),
    options,
  );
  return { tickets, revocations, authorizer: new TicketUpgradeAuthorizer(tickets, options, revocations) };
}

describe('TicketUpgradeAuthorizer', () => {
  it('lets a fresh ticket through once, with its user', async () => {
    const { tickets, authorizer } = setup();
    const { ticket } = await tickets.issue({ user: alice });
    const request = { url: `/ws?ticket=${ticket}`, headers: {} };
    await expect(authorizer.authorize(request)).resolves.toEqual({ ok: true, user: alice });
    await expect(authorizer.authorize(request)).resolves.toEqual({
      ok: false,
      status: 401,
      reason: 'ticket-invalid',
    });
  });

  it('refuses a missing or made-up ticket with 401', async () => {
    const { authorizer } = setup();
    await expect(authorizer.authorize({ url: '/ws', headers: {} })).resolves.toMatchObject({
      status: 401,
      reason: 'ticket-missing',
    });
    await expect(authorizer.authorize({ url: '/ws?ticket=abc', headers: {} })).resolves.toMatchObject({
      status: 401,
    });
  });

  it.each([
    'token',
    'access_token',
    'Token',
    'TOKEN',
    'Access_Token',
    'ACCESS_TOKEN',
    'access-token',
    'accessToken',
    'id_token',
    'JWT',
    'Authorization',
    'bearer',
  ])('refuses a credential passed as ?%s= even next to a good ticket', async (param) => {
    const { tickets, authorizer } = setup();
    const { ticket } = await tickets.issue({ user: alice });
    await expect(
      authorizer.authorize({ url: `/ws?ticket=${ticket}&${param}=eyJ`, headers: {} }),
    ).resolves.toMatchObject({
      status: 401,
      reason: 'credential-in-url',
    });
  });

  it("lets through query parameters that only look alike (Socket.IO's own, a ticket, a room name)", async () => {
    const { tickets, authorizer } = setup();
    const { ticket } = await tickets.issue({ user: alice });
    const url = `/socket.io/?EIO=4&transport=websocket&t=abc&ticket=${ticket}&tokens=3&room=token`;
    await expect(authorizer.authorize({ url, headers: {} })).resolves.toEqual({ ok: true, user: alice });
  });

  it('refuses a browser origin outside ALLOWED_ORIGINS with 403 before looking at the ticket', async () => {
    const { tickets, authorizer } = setup(['https://app.example']);
    const { ticket } = await tickets.issue({ user: alice });
    const evil = { url: `/ws?ticket=${ticket}`, headers: { origin: 'https://evil.example' } };
    await expect(authorizer.authorize(evil)).resolves.toMatchObject({
      status: 403,
      reason: 'origin-not-allowed',
    });
    const good = { url: `/ws?ticket=${ticket}`, headers: { origin: 'https://app.example' } };
    await expect(authorizer.authorize(good)).resolves.toMatchObject({ ok: true });
  });

  it('lets a non-browser client (no Origin) through the origin check', async () => {
    const { tickets, authorizer } = setup(['https://app.example']);
    const { ticket } = await tickets.issue({ user: alice });
    await expect(authorizer.authorize({ url: `/ws?ticket=${ticket}`, headers: {} })).resolves.toMatchObject({
      ok: true,
    });
  });

  it('refuses and burns a ticket used from another origin than the one that asked for it', async () => {
    const { tickets, authorizer } = setup();
    const { ticket } = await tickets.issue({ user: alice, origin: 'https://a.example' });
    const url = `/ws?ticket=${ticket}`;
    await expect(
      authorizer.authorize({ url, headers: { origin: 'https://b.example' } }),
    ).resolves.toMatchObject({
      reason: 'ticket-origin-mismatch',
    });
    await expect(
      authorizer.authorize({ url, headers: { origin: 'https://a.example' } }),
    ).resolves.toMatchObject({
      reason: 'ticket-invalid',
    });
  });

  it('refuses a ticket minted before its user was revoked', async () => {
    const { tickets, revocations, authorizer } = setup();
    const { ticket } = await tickets.issue({ user: alice });
    await revocations.revoke('alice');
    await expect(authorizer.authorize({ url: `/ws?ticket=${ticket}`, headers: {} })).resolves.toEqual({
      ok: false,
      status: 401,
      reason: 'user-revoked',
    });
  });
});

describe('TicketUpgradeAuthorizer.renew (reauth over an open socket)', () => {
  it('accepts a fresh ticket of the same user from the same origin, once', async () => {
    const { tickets, authorizer } = setup();
    const { ticket } = await tickets.issue({ user: alice, origin: 'https://a.example' });
    const session = { userId: 'alice', origin: 'https://a.example' };
    await expect(authorizer.renew(ticket, session)).resolves.toEqual({ ok: true, user: alice });
    await expect(authorizer.renew(ticket, session)).resolves.toEqual({ ok: false, reason: 'ticket-invalid' });
  });

  it("refuses another user's ticket, and burns it", async () => {
    const { tickets, authorizer } = setup();
    const { ticket } = await tickets.issue({ user: { id: 'bob', name: 'Bob', roles: ['admin'] } });
    await expect(authorizer.renew(ticket, { userId: 'alice' })).resolves.toEqual({
      ok: false,
      reason: 'user-mismatch',
    });
    await expect(authorizer.renew(ticket, { userId: 'bob' })).resolves.toEqual({
      ok: false,
      reason: 'ticket-invalid',
    });
  });

  it('refuses a ticket minted for another origin than the socket was opened from', async () => {
    const { tickets, authorizer } = setup();
    const { ticket } = await tickets.issue({ user: alice, origin: 'https://b.example' });
    await expect(authorizer.renew(ticket, { userId: 'alice', origin: 'https://a.example' })).resolves.toEqual(
      {
        ok: false,
        reason: 'ticket-origin-mismatch',
      },
    );
  });

  it('accepts a same-origin request without Origin (long-polling) only when addressed to the ticket origin host', async () => {
    const { tickets, authorizer } = setup();
    const same = await tickets.issue({ user: alice, origin: 'https://app.example' });
    await expect(
      authorizer.authorize({ url: `/socket.io/?ticket=${same.ticket}`, headers: { host: 'app.example' } }),
    ).resolves.toMatchObject({ ok: true });
    const other = await tickets.issue({ user: alice, origin: 'https://app.example' });
    await expect(
      authorizer.authorize({ url: `/ws?ticket=${other.ticket}`, headers: { host: 'api.other.example' } }),
    ).resolves.toMatchObject({
      reason: 'ticket-origin-mismatch',
    });
  });
});
