import { ConnectionRegistry } from '@pulse/gateway';
import { GAME_BOARD } from '@pulse/protocol';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../testing/chromium';
import { startTestApp, type TestApp } from '../testing/test-app';
import {
  chatLine,
  inRoom,
  joinByName,
  otherToken,
  outgoingLine,
  say,
  selfCell,
  selfToken,
  signIn,
  type PageGlobals,
  type WebPlayer,
} from '../testing/web-app-driver';

const ROOT = join(__dirname, '../../../..');
const WEB_DIST_DIR = join(ROOT, 'dist/apps/web');
/** Screenshots of the game room, kept as test artifacts (git-ignored). */
const ARTIFACTS = join(ROOT, 'test-results/web-app');

/** A key that moves a player standing on `x` one cell sideways, and where it lands. */
function stepSideways(cell: { x: number; y: number }): { key: string; to: { x: number; y: number } } {
  return cell.x < GAME_BOARD.width - 1
    ? { key: 'ArrowRight', to: { x: cell.x + 1, y: cell.y } }
    : { key: 'ArrowLeft', to: { x: cell.x - 1, y: cell.y } };
}

/** Several browsers, logins and room joins per test: more than the default 20 s on a slow machine. */
jest.setTimeout(60_000);

/** The built web app, served by the real API, driven through its UI in Debian's Chromium. */
describe('the web app in Chromium', () => {
  let api: TestApp;
  let browser: Browser;
  const players: WebPlayer[] = [];

  async function player(user: string, options: Parameters<typeof signIn>[3] = {}): Promise<WebPlayer> {
    const opened = await signIn(browser, api.httpUrl, user, options);
    players.push(opened);
    return opened;
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    api = await startTestApp({ WEB_DIST_DIR });
    browser = await launchChromium();
  });

  afterEach(async () => {
    const errors = players.flatMap((p) => p.errors.map((error) => `${p.user}: ${error}`));
    await Promise.all(players.splice(0).map((p) => p.close()));
    expect(errors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('lists a room in the lobby with its player count, and plays it: moves, chat, typing, offline fading', async () => {
    const alice = await player('alice');
    const bob = await player('bob');
    await joinByName(alice, 'arena');

    const joinArena = bob.page.getByRole('button', { name: 'Join arena, 1 player online' });
    await joinArena.waitFor();
    await bob.page.screenshot({ path: join(ARTIFACTS, 'lobby.png') });
    await joinArena.click();
    await inRoom(bob, 'arena');
    await otherToken(alice, 'Bob').waitFor();

    const { key, to } = stepSideways(await selfCell(alice));
    await alice.page.getByRole('application').press(key);
    await otherToken(bob, 'Alice', to).waitFor();
    expect(await selfCell(alice)).toEqual(to);

    const box = bob.page.getByRole('textbox', { name: 'Message' });
    await box.fill('hello <b>alice</b>');
    await alice.page.getByText('Bob is typing…').waitFor();
    await box.press('Enter');
    await chatLine(alice, 'hello <b>alice</b>').waitFor();
    expect(await alice.page.getByRole('log', { name: 'Chat messages' }).locator('b').count()).toBe(0);
    await alice.page.getByText('Bob is typing…').waitFor({ state: 'detached' });
    await chatLine(bob, 'hello <b>alice</b>').waitFor();

    await say(alice, 'hi bob');
    await chatLine(bob, 'hi bob').waitFor();
    await alice.page.screenshot({ path: join(ARTIFACTS, 'game-room-two-players.png') });

    await bob.page.close();
    const fadedBob = otherToken(alice, 'Bob', undefined, false);
    await fadedBob.waitFor();
    expect(await fadedBob.getAttribute('class')).toContain('token--offline');
    await alice.page.getByRole('listitem').filter({ hasText: 'Bob, offline' }).waitFor();
  });

  it('rides out the server dropping every socket: the banner shows it, the room and chat carry on as before', async () => {
    const alice = await player('alice');
    const bob = await player('bob');
    await joinByName(alice, 'sturdy');
    await joinByName(bob, 'sturdy');
    await say(bob, 'before the drop');
    await chatLine(alice, 'before the drop').waitFor();
    const aliceBefore = await selfCell(alice);
    const bobBefore = await selfCell(bob);
    await otherToken(alice, 'Bob', bobBefore).waitFor();

    const registry = api.app.get(ConnectionRegistry);
    const dropped = [...registry.values()];
    expect(dropped.length).toBeGreaterThanOrEqual(2);
    for (const connection of dropped) connection.terminate();

    for (const p of [alice, bob]) {
      await p.page.waitForFunction(() =>
        (globalThis as unknown as PageGlobals).__pulseBanner.some((text) =>
          text.startsWith('Connection lost'),
        ),
      );
      await p.page.locator('.banner--ok').waitFor();
    }
    for (const p of [alice, bob]) {
      const texts = await p.bannerTexts();
      expect(texts.at(-1)).toBe('Connected');
      expect(
        texts.filter(
          (text) =>
            !/^(Connecting…|Connected|Connection lost — reconnecting in \ds|Reconnecting… \(attempt \d+\))$/.test(
              text,
            ),
        ),
      ).toEqual([]);
    }

    await otherToken(alice, 'Bob', bobBefore).waitFor();
    expect(await selfCell(alice)).toEqual(aliceBefore);
    const { key, to } = stepSideways(bobBefore);
    await bob.page.getByRole('application').press(key);
    await otherToken(alice, 'Bob', to).waitFor();
    await say(bob, 'after the drop');
    await chatLine(alice, 'after the drop').waitFor();
    expect(await chatLine(alice, 'before the drop').count()).toBe(1);
    expect(
      await alice.page
        .getByRole('log', { name: 'Chat messages' })
        .locator('li:not(.chat__line--event) .chat__text')
        .count(),
    ).toBe(2);
    expect([...registry.values()].some((connection) => dropped.includes(connection))).toBe(false);
  });

  it('shows a line sent while cut off as sending, in place, with presence unknown; delivers it once back', async () => {
    const alice = await player('alice');
    const bob = await player('bob');
    const carol = await player('carol');
    for (const p of [alice, bob, carol]) await joinByName(p, 'patchy');
    for (const name of ['Bob', 'Carol']) await otherToken(alice, name).waitFor();
    await alice.page.getByRole('heading', { name: 'Players (3 online)' }).waitFor();
    await alice.page.getByRole('log', { name: 'Chat messages' }).getByText('joined').nth(1).waitFor();
    await say(bob, 'three of us now');
    await chatLine(alice, 'three of us now').waitFor();
    await alice.page.screenshot({ path: join(ARTIFACTS, 'game-room-three-players.png') });

    await alice.context.setOffline(true);
    await alice.page.locator('.banner--warning').waitFor();
    await alice.page.getByRole('heading', { name: 'Players (status unknown while reconnecting)' }).waitFor();
    expect(await alice.page.getByRole('listitem').filter({ hasText: 'Bob, unknown' }).count()).toBe(1);
    await say(alice, 'sent while cut off');
    const pending = outgoingLine(alice, 'sent while cut off', 'pending');
    await pending.waitFor();
    expect(await pending.textContent()).toContain('Sending…');
    await alice.page.screenshot({ path: join(ARTIFACTS, 'pending-chat-line.png') });

    await alice.context.setOffline(false);
    await chatLine(bob, 'sent while cut off').waitFor();
    await chatLine(alice, 'sent while cut off').waitFor();
    await pending.waitFor({ state: 'detached' });
    expect(await chatLine(alice, 'sent while cut off').count()).toBe(1);
    await alice.page.getByRole('heading', { name: 'Players (3 online)' }).waitFor();
    // The ticket fetches that failed while offline are logged by Chromium; nothing else may be.
    const unexpected = alice.errors.filter(
      (error) => error !== 'console: Failed to load resource: net::ERR_INTERNET_DISCONNECTED',
    );
    alice.errors.splice(0, alice.errors.length, ...unexpected);
  });

  it('works the same over Socket.IO (?transport=socket.io), next to a WebSocket player', async () => {
    const carol = await player('carol', { transport: 'socket.io' });
    const dave = await player('dave');
    await joinByName(carol, 'mixed');
    await joinByName(dave, 'mixed');
    expect([...api.app.get(ConnectionRegistry).values()].map((c) => c.transport).sort()).toEqual([
      'socket.io',
      'ws',
    ]);

    const { key, to } = stepSideways(await selfCell(carol));
    await carol.page.getByRole('application').press(key);
    await otherToken(dave, 'Carol', to).waitFor();
    const back = stepSideways(await selfCell(dave));
    await dave.page.getByRole('application').press(back.key);
    await otherToken(carol, 'Dave', back.to).waitFor();

    await carol.page.getByRole('textbox', { name: 'Message' }).fill('typing over socket.io');
    await dave.page.getByText('Carol is typing…').waitFor();
    await carol.page.getByRole('textbox', { name: 'Message' }).press('Enter');
    await chatLine(dave, 'typing over socket.io').waitFor();
    await say(dave, 'and back over ws');
    await chatLine(carol, 'and back over ws').waitFor();
  });

  it('is usable on a 375x667 phone screen with the keyboard alone', async () => {
    const phone = await player('carol', { viewport: { width: 375, height: 667 } });
    const fitsWidth = () =>
      phone.page.evaluate(() => {
        const page = globalThis as unknown as PageGlobals;
        return page.document.documentElement.scrollWidth <= page.innerWidth;
      });
    expect(await fitsWidth()).toBe(true);

    await phone.page.getByLabel('Room name').fill('pocket');
    await phone.page.keyboard.press('Enter');
    await inRoom(phone, 'pocket');
    expect(
      await phone.page.evaluate(() =>
        (globalThis as unknown as PageGlobals).document.activeElement?.getAttribute('role'),
      ),
    ).toBe('application');
    const start = await selfCell(phone);
    await phone.page.keyboard.press(start.y > 0 ? 'w' : 's');
    await phone.page
      .getByRole('img', {
        name: `Carol (you), column ${start.x + 1}, row ${start.y > 0 ? start.y : start.y + 2}`,
      })
      .waitFor();

    const box = phone.page.getByRole('textbox', { name: 'Message' });
    const focused = () =>
      box.evaluate((input) => input === (globalThis as unknown as PageGlobals).document.activeElement);
    for (let i = 0; i < 10 && !(await focused()); i++) await phone.page.keyboard.press('Tab');
    expect(await focused()).toBe(true);
    await phone.page.keyboard.type('from my phone');
    await phone.page.keyboard.press('Enter');
    await chatLine(phone, 'from my phone').waitFor();
    expect(await fitsWidth()).toBe(true);
    expect(await selfToken(phone).isVisible()).toBe(true);
    await phone.page.screenshot({ path: join(ARTIFACTS, 'game-room-phone.png'), fullPage: true });
  });
});
