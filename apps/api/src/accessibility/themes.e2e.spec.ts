import type { Page } from 'playwright-core';
import { axeFindings, type AxeFinding } from '../testing/axe';
import { joinByName, logIn } from '../testing/web-app-driver';
import { useWebAppInChromium } from '../testing/web-app-in-chromium';

jest.setTimeout(90_000);

interface ThemeOfPage {
  readonly theme: string | undefined;
  readonly background: string;
  readonly text: string;
}

/**
 * The theme the page applied and the colours it paints with, once it applied `expected` (a change of the system
 * preference reaches the page as an event, after `emulateMedia` returns).
 */
async function themeOf(page: Page, expected: Scheme): Promise<ThemeOfPage> {
  await page.locator(`html[data-theme="${expected}"]`).waitFor({ state: 'attached' });
  return page.evaluate(() => {
    const { document, getComputedStyle } = globalThis as unknown as {
      document: { documentElement: { dataset: Record<string, string | undefined> } };
      getComputedStyle(element: object): { backgroundColor: string; color: string };
    };
    const style = getComputedStyle(document.documentElement);
    return {
      theme: document.documentElement.dataset['theme'],
      background: style.backgroundColor,
      text: style.color,
    };
  });
}

type Scheme = 'dark' | 'light';

interface FrameGlobals {
  requestAnimationFrame(callback: () => void): void;
}

/**
 * Sets the system's colour scheme and waits two frames: a browser tells the page of a changed media query while it
 * updates the rendering, before that frame's animation callbacks, so by then the app has handled the change (or chosen
 * to ignore it).
 */
async function emulateScheme(page: Page, scheme: Scheme): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const { requestAnimationFrame } = globalThis as unknown as FrameGlobals;
        requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
      }),
  );
}

const DARK = { theme: 'dark', background: 'rgb(11, 17, 32)', text: 'rgb(226, 232, 240)' };
const LIGHT = { theme: 'light', background: 'rgb(248, 250, 252)', text: 'rgb(15, 23, 42)' };

describe('the light and dark themes in Chromium', () => {
  const web = useWebAppInChromium();

  it('follows the system preference (prefers-color-scheme), also when it changes while the page is open', async () => {
    const opened = await web.open();
    const { page } = opened;
    await emulateScheme(page, 'dark');
    await expect(themeOf(page, 'dark')).resolves.toEqual(DARK);
    await emulateScheme(page, 'light');
    await expect(themeOf(page, 'light')).resolves.toEqual(LIGHT);
    await emulateScheme(page, 'dark');
    await page.reload();
    await page.getByLabel('Username').waitFor();
    await expect(themeOf(page, 'dark')).resolves.toEqual(DARK);
  });

  it("switches with the toggle, keeps the user's pick over the system's and after a reload, and follows the system again once the pick matches it", async () => {
    const opened = await web.open();
    const { page } = opened;
    await emulateScheme(page, 'dark');
    await logIn(page, 'carol');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await expect(themeOf(page, 'light')).resolves.toEqual(LIGHT);
    await emulateScheme(page, 'light');
    await emulateScheme(page, 'dark');
    await expect(themeOf(page, 'light')).resolves.toEqual(LIGHT);
    // The reload keeps carol signed in (her refresh cookie) and the page in the theme she picked.
    await page.reload();
    await page.getByRole('button', { name: 'Switch to dark theme' }).waitFor();
    await expect(themeOf(page, 'light')).resolves.toEqual(LIGHT);
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await expect(themeOf(page, 'dark')).resolves.toEqual(DARK);
    // dark is the system's: the page follows the system again
    await emulateScheme(page, 'light');
    await expect(themeOf(page, 'light')).resolves.toEqual(LIGHT);
  });

  it.each(['dark', 'light'] as const)(
    'finds no axe violation (contrast included) on the %s theme: login, lobby, a game room with coloured players and chat, the console',
    async (scheme) => {
      const opened = await web.open();
      const { page } = opened;
      await emulateScheme(page, scheme);
      await expect(themeOf(page, scheme)).resolves.toEqual(scheme === 'dark' ? DARK : LIGHT);
      const found: Record<string, AxeFinding[]> = {};
      found['login'] = await axeFindings(page);
      await logIn(page, 'dave');
      found['lobby'] = await axeFindings(page);

      const room = `themes-${scheme}`;
      await joinByName(opened, room);
      // other players, each in their own colour on the board, in the list and in chat
      for (const user of ['alice', 'bob', 'carol', 'erin']) {
        const client = await web.player(user);
        client.send({ type: 'join', room });
        await client.next('snapshot');
        client.send({ type: 'chat', room, text: `hello from ${user}` });
        await page
          .getByRole('log', { name: 'Chat messages' })
          .locator('li', { hasText: `hello from ${user}` })
          .first()
          .waitFor();
      }
      await page.getByRole('img', { name: /^erin, column/i }).waitFor();
      found['game room'] = await axeFindings(page);

      await page.getByRole('link', { name: 'Console' }).click();
      await page.getByRole('heading', { name: "Operator's console" }).waitFor();
      await page.locator('figure.console-chart polyline').first().waitFor({ state: 'attached' });
      // the room's row (dave left it for the console: 4 or, from a sample taken before, 5 members)
      await page.getByRole('row', { name: new RegExp(`^${room} [45] 1$`) }).waitFor();
      found['console'] = await axeFindings(page);

      expect(found).toEqual({ login: [], lobby: [], 'game room': [], console: [] });
      expect(opened.errors).toEqual([]);
    },
  );

  it("would fail: axe reports the light theme's muted text once its colour is too pale for the background", async () => {
    const opened = await web.open();
    const { page } = opened;
    await emulateScheme(page, 'light');
    await themeOf(page, 'light');
    await page.evaluate(() => {
      const { document } = globalThis as unknown as {
        document: { documentElement: { style: { setProperty(name: string, value: string): void } } };
      };
      document.documentElement.style.setProperty('--muted', '#cbd5e1');
    });
    expect((await axeFindings(page)).map((finding) => finding.rule)).toContain('color-contrast');
  });
});
