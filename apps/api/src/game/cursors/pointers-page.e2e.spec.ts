import { join } from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { launchChromium } from '../../testing/chromium';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { TestClient } from '../../testing/test-client';
import { joinByName, otherToken, signIn, type WebPlayer } from '../../testing/web-app-driver';

const ROOT = join(__dirname, '../../../../..');
const WEB_DIST_DIR = join(ROOT, 'dist/apps/web');

jest.setTimeout(60_000);

/** What the page function below reads of the page (the API's tests are compiled without the DOM's types). */
interface PointerPage {
  document: {
    querySelectorAll(
      selector: string,
    ): ArrayLike<{ textContent: string | null; style: { left: string; top: string } }>;
  };
}

/** A pointer's inline style property (`left`, `top`, `--player-colour`), as the page set it. */
async function styleOf(element: Locator, property: string): Promise<string> {
  const style = (await element.getAttribute('style')) ?? '';
  return new RegExp(`(?:^|;)\\s*${property}:\\s*([^;]+)`).exec(style)?.[1].trim() ?? '';
}

/** Waits until the page draws the pointer named `name` within half a percent of (left, top) of the board. */
async function pointerAt(player: WebPlayer, name: string, left: number, top: number): Promise<Locator> {
  const pointer = player.page.locator('.pointer', { hasText: name });
  await pointer.waitFor();
  await player.page.waitForFunction(
    ([wanted, l, t]) => {
      const { document } = globalThis as unknown as PointerPage;
      return Array.from(document.querySelectorAll('.pointer')).some(
        (p) =>
          p.textContent === wanted &&
          Math.abs(parseFloat(p.style.left) - l) < 0.5 &&
          Math.abs(parseFloat(p.style.top) - t) < 0.5,
      );
    },
    [name, left, top] as const,
  );
  return pointer;
}

/** The built web app, served by the real API, in Chromium: other players' pointers on the game board. */
describe('live pointers on the game board in Chromium', () => {
  let api: TestApp;
  let browser: Browser;
  const players: WebPlayer[] = [];
  let wsClient: TestClient | undefined;

  beforeAll(async () => {
    api = await startTestApp({ WEB_DIST_DIR });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await wsClient?.close();
    await Promise.all(players.map((p) => p.close()));
    await browser?.close();
    await api?.close();
  });

  it("shows a second player's pointer in their colour as it moves, to a plain /ws client too, and removes it when they leave", async () => {
    const alice = await signIn(browser, api.httpUrl, 'alice');
    const bob = await signIn(browser, api.httpUrl, 'bob');
    players.push(alice, bob);
    await joinByName(alice, 'pointing');
    await joinByName(bob, 'pointing');
    await otherToken(alice, 'Bob').waitFor();

    wsClient = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor('carol')}`);
    wsClient.send({ type: 'join', room: 'pointing' });
    const snapshot = await wsClient.next('snapshot');
    const board = snapshot.board!;

    const box = (await bob.page.getByRole('application').boundingBox())!;
    await bob.page.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.5, { steps: 4 });
    const bobsPointer = await pointerAt(alice, 'Bob', 25, 50);
    const bobsColour = await styleOf(otherToken(alice, 'Bob'), '--player-colour');
    // The player's palette entry, whose value the theme sets (features/theme).
    expect(bobsColour).toMatch(/^var\(--player-\d+\)$/);
    expect(await styleOf(bobsPointer, '--player-colour')).toBe(bobsColour);
    const relayed = await wsClient.next(
      'cursor',
      (m) => m.player === 'bob' && Math.abs(m.x - board.width * 0.25) < 0.5,
    );
    expect(relayed.y).toBeCloseTo(board.height * 0.5, 0);

    await bob.page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.2, { steps: 8 });
    await pointerAt(alice, 'Bob', 75, 20);
    expect(await alice.page.locator('.pointer').count()).toBe(1);
    expect(await bob.page.locator('.pointer', { hasText: 'Bob' }).count()).toBe(0);

    wsClient.send({ type: 'cursor', room: 'pointing', x: board.width / 2, y: board.height / 4 });
    const carolsPointer = await pointerAt(alice, 'Carol', 50, 25);
    expect(parseFloat(await styleOf(carolsPointer, 'left'))).toBeCloseTo(50, 1);

    await bob.close();
    players.splice(players.indexOf(bob), 1);
    await bobsPointer.waitFor({ state: 'detached' });
    await wsClient.close();
    wsClient = undefined;
    await carolsPointer.waitFor({ state: 'detached' });
  });
});
