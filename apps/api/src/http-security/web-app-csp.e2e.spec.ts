import { cspViolations, RECORD_CSP_VIOLATIONS } from '../testing/csp-violations';
import { joinByName, logIn, type OpenedApp } from '../testing/web-app-driver';
import { useWebAppInChromium } from '../testing/web-app-in-chromium';

jest.setTimeout(60_000);

/** The built web app under the server's strict CSP in Chromium: every page, both transports. */
describe('the web app under its Content-Security-Policy', () => {
  const web = useWebAppInChromium();

  /** What a page reported: CSP violations and console errors, which must both be none. */
  async function problemsOf(opened: OpenedApp, name: string): Promise<string[]> {
    const violations = await cspViolations(opened.page);
    return [...violations.map((v) => `${name}: CSP ${v}`), ...opened.errors.map((e) => `${name}: ${e}`)];
  }

  it.each(['websocket', 'socket.io'] as const)(
    'loads login, lobby, game room and ticker with no violation or console error (%s)',
    async (transport) => {
      const opened = await web.open({ transport, initScripts: [RECORD_CSP_VIOLATIONS] });
      const { page } = opened;
      const problems: string[] = [];
      problems.push(...(await problemsOf(opened, 'login')));

      await logIn(page, 'alice');
      problems.push(...(await problemsOf(opened, 'lobby')));

      await joinByName(opened, `csp-${transport}`);
      await page.getByRole('log', { name: 'Chat messages' }).waitFor();
      problems.push(...(await problemsOf(opened, 'game room')));

      await page.getByRole('button', { name: 'Live ticker' }).click();
      await page.getByRole('heading', { name: 'Live ticker' }).waitFor();
      await page.getByRole('row').nth(1).waitFor();
      problems.push(...(await problemsOf(opened, 'ticker')));

      // A reload at the ticker's own address: index.html from the fallback, the session resumed from its cookie.
      await page.reload();
      await page.getByRole('row').nth(1).waitFor();
      problems.push(...(await problemsOf(opened, 'ticker, reloaded')));

      expect([...new Set(problems)]).toEqual([]);
    },
  );

  it('would see a violation: an image from another origin is refused and reported', async () => {
    const opened = await web.open({ initScripts: [RECORD_CSP_VIOLATIONS] });
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
    const opened = await web.open({ initScripts: [RECORD_CSP_VIOLATIONS] });
    const { page } = opened;
    await page.goto(`${web.api.httpUrl}/docs`);
    await page.getByText('Pulse HTTP API').first().waitFor();
    await page.locator('.opblock').first().waitFor();
    expect(await problemsOf(opened, 'docs')).toEqual([]);
  });
});
