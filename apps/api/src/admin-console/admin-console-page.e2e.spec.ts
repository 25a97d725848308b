import { CLUSTER_NODES_PATH, CloseCode, type ClusterNode, type ClusterNodesResponse } from '@pulse/protocol';
import type { Locator, Page } from 'playwright-core';
import { TestClient, upgradeStatus } from '../testing/test-client';
import { logIn } from '../testing/web-app-driver';
import { useWebAppInChromium } from '../testing/web-app-in-chromium';

jest.setTimeout(90_000);

/** A chart of the console, by its title: what its lines draw now and what its legend says. */
function chart(page: Page, title: string): Locator {
  return page.locator('figure.console-chart', { has: page.locator('figcaption', { hasText: title }) });
}

async function linesOf(figure: Locator): Promise<string[]> {
  return figure
    .locator('polyline')
    .evaluateAll((lines) =>
      lines.map((line) => `${line.getAttribute('data-series')}:${line.getAttribute('points')}`),
    );
}

/** The latest value of a chart's series, as its legend shows it. */
async function legendValue(figure: Locator, series: string): Promise<string> {
  return (await figure.locator(`li[data-series="${series}"] strong`).textContent()) ?? '';
}

describe("the operator's console in Chromium (/admin)", () => {
  const web = useWebAppInChromium();

  async function player(user: string): Promise<TestClient> {
    const client = await web.player(user);
    return client;
  }

  it('shows an admin live charts that move under a small load, the nodes and rooms, and revokes a user', async () => {
    const opened = await web.open();
    const { page } = opened;
    await logIn(page, 'dave');
    await page.getByRole('link', { name: 'Console' }).click();
    await page.getByRole('heading', { name: "Operator's console" }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin');
    const messages = chart(page, 'Messages per second');
    await messages.locator('polyline').first().waitFor({ state: 'attached' });
    const before = await linesOf(messages);

    // a small load: two players in a room, one moving 20 times a second
    const [alice, carol] = await Promise.all([player('alice'), player('carol')]);
    for (const client of [alice, carol]) {
      client.send({ type: 'join', room: 'console-load' });
      await client.next('snapshot');
    }
    let step = 0;
    const mover = setInterval(
      () => alice.send({ type: 'move', room: 'console-load', x: step++ % 20, y: 3 }),
      50,
    );
    try {
      // the chart's "in" legend reads at least 5/s (the mover sends 20): a page-side wait, the chart updates by itself
      await page.waitForFunction(
        () => {
          interface Node {
            readonly textContent: string | null;
            querySelector(selector: string): Node | null;
          }
          const { document } = globalThis as unknown as {
            document: { querySelectorAll(selector: string): Iterable<Node> };
          };
          const figure = [...document.querySelectorAll('figure.console-chart')].find(
            (f) => f.querySelector('figcaption')?.textContent === 'Messages per second',
          );
          return parseFloat(figure?.querySelector('li[data-series="in"] strong')?.textContent ?? '') >= 5;
        },
        undefined,
        { timeout: 20_000 },
      );
      expect(parseFloat(await legendValue(messages, 'out'))).toBeGreaterThan(0);
      expect(await linesOf(messages)).not.toEqual(before);
      await expect(legendValue(chart(page, 'Fan-out latency'), 'p99')).resolves.toMatch(/µs|ms/);
    } finally {
      clearInterval(mover);
    }
    await page.getByRole('row', { name: /console-load 2 1/ }).waitFor();
    expect(Number(await legendValue(chart(page, 'Connections by transport'), 'ws'))).toBeGreaterThanOrEqual(
      3,
    );
    await page.locator('#console-nodes ~ table tbody tr', { hasText: 'reporting' }).waitFor();

    // a refused upgrade and a close show up in their charts, by reason and by code
    await expect(upgradeStatus(`${web.api.wsUrl}?ticket=forged`)).resolves.toBe(401);
    await chart(page, 'Refused upgrades').locator('li[data-series="ticket-invalid"]').waitFor();
    await carol.close();
    await chart(page, 'Closes by code').locator('li[data-series="1000"]').waitFor();

    // revoke: erin's socket closes with 4003 on this node
    const erin = await player('erin');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByLabel('User id').fill('erin');
    await page.getByRole('button', { name: 'Revoke' }).click();
    await expect(erin.closed).resolves.toEqual({ code: CloseCode.AUTH_REVOKED, reason: 'revoked' });
    await page.getByRole('status').filter({ hasText: 'Revoked erin' }).waitFor();
    await chart(page, 'Closes by code').locator(`li[data-series="${CloseCode.AUTH_REVOKED}"]`).waitFor();
    expect(opened.errors).toEqual([]);
  });

  it('lists the live nodes of GET /admin/nodes: address, id and connections', async () => {
    const response = await fetch(`${web.api.httpUrl}${CLUSTER_NODES_PATH}`, {
      headers: { authorization: `Bearer ${await web.api.login('dave')}` },
    });
    const { nodes } = (await response.json()) as ClusterNodesResponse;
    expect(nodes).toHaveLength(1);
    const [node] = nodes as [ClusterNode];
    const opened = await web.open();
    const { page } = opened;
    await logIn(page, 'dave');
    await page.getByRole('link', { name: 'Console' }).click();
    const table = page.locator('#console-live-nodes ~ table');
    const row = table.locator('tbody tr', { hasText: node.id });
    await row.waitFor();
    expect(await row.getByRole('rowheader').textContent()).toBe(node.address);
    expect(await row.textContent()).toContain(node.id);
    // this page's own socket (the console feed) is open on that node now
    await table.locator('tbody tr td:nth-child(4)', { hasText: /^[1-9]/ }).waitFor();
    expect(opened.errors).toEqual([]);
  });

  it('refuses a non-admin clearly, with no link to it and no chart', async () => {
    const opened = await web.open();
    const { page } = opened;
    await logIn(page, 'bob');
    expect(await page.getByRole('link', { name: 'Console' }).count()).toBe(0);
    // a deep link to /admin, as a bookmark would open it once signed in
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.evaluate(() =>
      (
        globalThis as unknown as { history: { replaceState(state: null, unused: string, url: string): void } }
      ).history.replaceState(null, '', '/admin'),
    );
    await page.getByLabel('Username').fill('bob');
    await page.getByLabel('Password').fill('pulse');
    await page.getByLabel('Password').press('Enter');
    await page
      .getByRole('alert')
      .filter({
        hasText: 'The console is for admins. You are signed in as bob, who does not have the admin role.',
      })
      .waitFor();
    expect(await page.locator('figure.console-chart').count()).toBe(0);
  });
});
