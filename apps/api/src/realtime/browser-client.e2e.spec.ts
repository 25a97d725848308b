import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../testing/chromium';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient } from '../testing/test-client';

/**
 * The notes' own browser client (section 4, "Client-Side (Native Browser API)"), with a ticket in the URL,
 * served from a page. It records what it sees so the test can read it.
 */
const NOTES_CLIENT_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>notes client</title></head>
<body><script>
window.seen = [];
const url = new URLSearchParams(location.search).get('ws');
const socket = new WebSocket(url);

socket.addEventListener('open', (event) => {
  console.log('Connected to server');
  socket.send(JSON.stringify({ type: 'join', room: 'browser' }));
});

socket.addEventListener('message', (event) => {
  console.log('Message from server:', event.data);
  window.seen.push(JSON.parse(event.data));
});

socket.addEventListener('error', (error) => {
  console.error('WebSocket error:', error);
});

socket.addEventListener('close', () => {
  console.log('Disconnected from server');
  window.socketClosed = true;
});
</script></body></html>`;

describe('the notes browser client in Chromium', () => {
  let api: TestApp;
  let pageServer: Server;
  let pageUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    api = await startTestApp();
    pageServer = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(NOTES_CLIENT_PAGE),
    );
    await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
    pageUrl = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}/`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => pageServer.close(resolve));
    await api.close();
  });

  it('joins a room with a ticket and receives a move made by a Node client', async () => {
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    const ws = `${api.wsUrl}?ticket=${await api.ticketFor('bob')}`;
    await page.goto(`${pageUrl}?ws=${encodeURIComponent(ws)}`);
    await page.waitForFunction(() =>
      (globalThis as unknown as { seen: { type: string }[] }).seen.some((m) => m.type === 'snapshot'),
    );

    const node = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor('alice')}`);
    node.send({ type: 'join', room: 'browser' });
    await node.next('snapshot');
    node.send({ type: 'move', room: 'browser', x: 10, y: 20 });

    const move = await page.waitForFunction(() =>
      (globalThis as unknown as { seen: { type: string }[] }).seen.find((m) => m.type === 'move'),
    );
    expect(await move.jsonValue()).toEqual({
      type: 'move',
      room: 'browser',
      player: 'alice',
      x: 10,
      y: 20,
      seq: expect.any(Number),
    });
    expect(consoleErrors).toEqual([]);
    await node.close();
    await page.close();
  });

  it('sees a reused ticket refused: the socket never opens', async () => {
    const ticket = await api.ticketFor('carol');
    const first = await TestClient.open(`${api.wsUrl}?ticket=${ticket}`);
    await first.close();
    const page = await browser.newPage();
    await page.goto(`${pageUrl}?ws=${encodeURIComponent(`${api.wsUrl}?ticket=${ticket}`)}`);
    await page.waitForFunction(
      () => (globalThis as unknown as { socketClosed?: boolean }).socketClosed === true,
    );
    expect(await page.evaluate(() => (globalThis as unknown as { seen: unknown[] }).seen)).toEqual([]);
    await page.close();
  });
});
