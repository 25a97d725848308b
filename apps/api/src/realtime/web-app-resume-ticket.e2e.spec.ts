import { ConnectionRegistry } from '@pulse/gateway';
import { CloseCode } from '@pulse/protocol';
import { join } from 'node:path';
import type { Browser, WebSocket as PageSocket } from 'playwright-core';
import { launchChromium } from '../testing/chromium';
import { startTestApp, type TestApp } from '../testing/test-app';
import { upgradeStatus } from '../testing/test-client';
import { inRoom, joinByName, signIn, type WebPlayer } from '../testing/web-app-driver';

const WEB_DIST_DIR = join(__dirname, '../../../../dist/apps/web');

jest.setTimeout(60_000);

/**
 * The SDK as the web app uses it, in Chromium: a socket the server closes comes back with the resume ticket the
 * server sent over it (no `POST /auth/ticket`); a resume ticket that was used meanwhile is refused at the upgrade
 * (401) and the SDK fetches a ticket over HTTP at once.
 */
describe('the web app reconnects with its resume ticket', () => {
  let api: TestApp;
  let browser: Browser;
  let alice: WebPlayer | undefined;

  beforeAll(async () => {
    api = await startTestApp({ WEB_DIST_DIR });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await alice?.close();
    await browser?.close();
    await api?.close();
  });

  /** The sockets the page opens, and every resume ticket each one received, in order. */
  function watchSockets(player: WebPlayer) {
    const sockets: Array<{ socket: PageSocket; resumeTickets: string[]; resumed: boolean }> = [];
    const waiters = new Set<() => void>();
    const notify = () => waiters.forEach((check) => check());
    player.page.on('websocket', (socket) => {
      if (!new URL(socket.url()).pathname.endsWith('/ws')) return;
      const entry = { socket, resumeTickets: [] as string[], resumed: false };
      sockets.push(entry);
      socket.on('framereceived', ({ payload }) => {
        const message = JSON.parse(String(payload)) as { type: string; ticket?: string };
        if (message.type === 'resume-ticket' && message.ticket) entry.resumeTickets.push(message.ticket);
        if (message.type === 'resumed' || message.type === 'snapshot') entry.resumed = true;
        notify();
      });
      notify();
    });
    const until = (condition: () => boolean) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (!condition()) return;
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      });
    return { sockets, until };
  }

  function closeFromServer(user: string): void {
    for (const connection of api.app.get(ConnectionRegistry).values()) {
      if (connection.user.id === user) connection.close(CloseCode.SERVICE_RESTART, 'retry-after-ms=0');
    }
  }

  it('comes back without HTTP, and falls back to POST /auth/ticket once its resume ticket is refused', async () => {
    alice = await signIn(browser, api.httpUrl, 'alice');
    const ticketRequests: string[] = [];
    alice.page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/auth/ticket') ticketRequests.push(request.url());
    });
    const watched = watchSockets(alice);
    // The lobby's socket was opened before the watch began: close it so the next one is watched from the start.
    closeFromServer('alice');
    await watched.until(() => watched.sockets.length === 1);
    await joinByName(alice, 'resume-web');
    await inRoom(alice, 'resume-web');
    await watched.until(() => watched.sockets[0].resumeTickets.length > 0);
    const fromHttpSoFar = ticketRequests.length;

    closeFromServer('alice');
    await watched.until(
      () =>
        watched.sockets.length === 2 &&
        watched.sockets[1].resumed &&
        watched.sockets[1].resumeTickets.length > 0,
    );
    expect(new URL(watched.sockets[1].socket.url()).searchParams.get('ticket')).toBe(
      watched.sockets[0].resumeTickets.at(-1),
    );
    expect(ticketRequests.length).toBe(fromHttpSoFar);

    // Someone else uses the resume ticket the page holds (from another origin: refused, and burnt all the same).
    const held = watched.sockets[1].resumeTickets.at(-1) as string;
    await expect(
      upgradeStatus(`${api.wsUrl}?ticket=${held}`, { origin: 'https://elsewhere.example' }),
    ).resolves.toBe(401);
    closeFromServer('alice');
    await watched.until(() => watched.sockets.length === 4 && watched.sockets[3].resumed);
    expect(new URL(watched.sockets[2].socket.url()).searchParams.get('ticket')).toBe(held);
    expect(ticketRequests.length).toBe(fromHttpSoFar + 1);
    await inRoom(alice, 'resume-web');
  });
});
