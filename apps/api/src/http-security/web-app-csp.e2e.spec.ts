import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../testing/chromium';
import { cspViolations, RECORD_CSP_VIOLATIONS } from '../testing/csp-violations';
import { startTestApp, type TestApp } from '../testing/test-app';
import { joinByName, logIn, openApp, type OpenedApp } from '../testing/web-app-driver';

const WEB_DIST_DIR = join(__dirname, '../../../../dist/apps/web');

jest.setTimeout(60_000);

/** The built web app under the server's strict CSP in Chromium: every page, both transports. */
describe('the web app under its Content-Security-Policy', () => {
  let api: TestApp;
  let browser: Browser;
  let opened: OpenedApp | undefined;

  beforeAll(async () => {
    api = await startTestApp({ WEB_DIST_DIR });
    browser = await launchChromium();
  });

  afterEach(async () => {
    await opened?.context.close();
    opened = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  /** What a page reported: CSP violations and console errors, which must both be none. */
  async function problemsOf(page: Page, name: string): Promise<string[]> {
    const violations = await cspViolations(page);
    return [
      ...violations.map((v) => `${name}: CSP ${v}`),
      ...(opened?.errors ?? []).map((e) => `${name}: ${e}`),
    ];
  }

  it.each(['websocket', 'socket.io'] as const)(
    'loads login, lobby, game room and ticker with no violation or console error (%s)',
    async (transport) => {
      opened = await openApp(browser, api.httpUrl, { transport, initScripts: [RECORD_CSP_VIOLATIONS] });
      const { page } = opened;
      const problems: string[] = [];
      problems.push(...(await problemsOf(page, 'login')));

      await logIn(page, 'alice');
      problems.push(...(await problemsOf(page, 'lobby')));

      await joinByName(opened, `csp-${transport}`);
      await page.getByRole('log', { name: 'Chat messages' }).waitFor();
      problems.push(...(await problemsOf(page, 'game room')));

      await page.getByRole('button', { name: 'Live ticker' }).click();
      await page.getByRole('heading', { name: 'Live ticker' }).waitFor();
      await page.getByRole('row').nth(1).waitFor();
      problems.push(...(await problemsOf(page, 'ticker')));

      // A reload at the ticker's own address: index.html from the fallback, the session resumed from its cookie.
      await page.reload();
      await page.getByRole('row').nth(1).waitFor();
      problems.push(...(await problemsOf(page, 'ticker, reloaded')));

      expect([...new Set(problems)]).toEqual([]);
    },
  );

  it('would see a violation: an image from another origin is refused and reported', async () => {
    opened = await openApp(browser, api.httpUrl, { initScripts: [RECORD_CSP_VIOLATIONS] });
    const { page } = opened;
    await page.evaluate(() => {
      const doc = (
        globalThis as unknown as {
          document: { body: { insertAdjacentHTML(where: string, html: string): void } };
        }
      ).document;
      doc.body.insertAdjacentHTML('beforeend', '<img alt="" src="http://127.0.0.2:9/not-allowed.png">');
    });
    await page.waitForFunction(
      () => (globalThis as unknown as { __pulseCsp: string[] }).__pulseCsp.length > 0,
    );
    expect(await cspViolations(page)).toEqual([
      expect.stringMatching(/^img-src http:\/\/127\.0\.0\.2:9\/not-allowed\.png /),
    ]);
  });

  it('serves Swagger UI at /docs under its own policy with no violation', async () => {
    opened = await openApp(browser, api.httpUrl, { initScripts: [RECORD_CSP_VIOLATIONS] });
    const { page } = opened;
    await page.goto(`${api.httpUrl}/docs`);
    await page.getByText('Pulse HTTP API').first().waitFor();
    await page.locator('.opblock').first().waitFor();
    expect(await problemsOf(page, 'docs')).toEqual([]);
  });
});
