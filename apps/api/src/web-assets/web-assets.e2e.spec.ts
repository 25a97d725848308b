import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../testing/chromium';
import { startTestApp, type TestApp } from '../testing/test-app';
import { joinByName, logIn, openApp } from '../testing/web-app-driver';

const WEB_DIST_DIR = join(__dirname, '../../../../dist/apps/web');
const ASSETS = join(WEB_DIST_DIR, 'assets');

/** A string only socket.io-client's code (its Engine.IO polling transport) has. */
const SOCKET_IO_MARKER = 'xhr poll error';

interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  /** The bytes on the wire, not decompressed. */
  readonly body: Buffer;
}

function get(url: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

const builtAssets = readdirSync(ASSETS).filter((name) => !name.endsWith('.br') && !name.endsWith('.gz'));
const scripts = builtAssets.filter((name) => name.endsWith('.js'));
const indexHtml = readFileSync(join(WEB_DIST_DIR, 'index.html'), 'utf8');
const entryScript = /<script type="module" crossorigin src="\/assets\/([^"]+\.js)"><\/script>/.exec(
  indexHtml,
)?.[1];

jest.setTimeout(60_000);

describe('the built web app as a CDN would serve it', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp({ WEB_DIST_DIR });
  });

  afterAll(() => api.close());

  it('revalidates index.html (no-cache, with a validator that answers 304) and sends it brotli-compressed', async () => {
    const page = await get(`${api.httpUrl}/`, { 'accept-encoding': 'gzip, deflate, br' });
    expect({
      status: page.status,
      cacheControl: page.headers['cache-control'],
      encoding: page.headers['content-encoding'],
      vary: page.headers['vary'],
      type: page.headers['content-type'],
    }).toEqual({
      status: 200,
      cacheControl: 'no-cache',
      encoding: 'br',
      vary: 'Accept-Encoding',
      type: expect.stringMatching(/^text\/html; charset=utf-8$/i),
    });
    expect(brotliDecompressSync(page.body).toString('utf8')).toBe(indexHtml);
    const again = await get(`${api.httpUrl}/`, {
      'accept-encoding': 'br',
      'if-none-match': String(page.headers['etag']),
    });
    expect(again.status).toBe(304);
  });

  it.each(['/rooms/lobby', '/rooms/admin%3Alobby/', '/rooms/lobby/notes', '/ticker', '/admin'])(
    'serves index.html at the app address %s, under the same CSP, without a redirect',
    async (path) => {
      const page = await get(`${api.httpUrl}${path}`, { 'accept-encoding': 'br' });
      const home = await get(`${api.httpUrl}/`, { 'accept-encoding': 'br' });
      expect({
        status: page.status,
        cacheControl: page.headers['cache-control'],
        csp: page.headers['content-security-policy'],
      }).toEqual({
        status: 200,
        cacheControl: 'no-cache',
        csp: home.headers['content-security-policy'],
      });
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(brotliDecompressSync(page.body).toString('utf8')).toBe(indexHtml);
    },
  );

  it('leaves the API routes under those prefixes to the API, and other paths unknown', async () => {
    expect((await get(`${api.httpUrl}/rooms`)).status).toBe(401);
    expect((await get(`${api.httpUrl}/ticker/symbols`)).status).toBe(401);
    expect((await get(`${api.httpUrl}/admin/users/alice/revoke`)).status).toBe(404);
    expect((await get(`${api.httpUrl}/rooms/lobby/elsewhere`)).status).toBe(404);
    expect((await get(`${api.httpUrl}/nowhere`)).status).toBe(404);
  });

  it.each(builtAssets)(
    'caches /assets/%s for a year as immutable, in brotli, gzip or as it is',
    async (name) => {
      const url = `${api.httpUrl}/assets/${name}`;
      const original = readFileSync(join(ASSETS, name));
      const br = await get(url, { 'accept-encoding': 'gzip, br' });
      const gzip = await get(url, { 'accept-encoding': 'gzip' });
      const plain = await get(url);
      for (const answer of [br, gzip, plain]) {
        expect({ status: answer.status, cacheControl: answer.headers['cache-control'] }).toEqual({
          status: 200,
          cacheControl: 'public, max-age=31536000, immutable',
        });
      }
      expect([
        br.headers['content-encoding'],
        gzip.headers['content-encoding'],
        plain.headers['content-encoding'],
      ]).toEqual(['br', 'gzip', undefined]);
      expect(brotliDecompressSync(br.body).equals(original)).toBe(true);
      expect(gunzipSync(gzip.body).equals(original)).toBe(true);
      expect(plain.body.equals(original)).toBe(true);
      expect(br.body.length).toBeLessThan(original.length);
    },
  );

  it('keeps socket.io-client out of the entry chunk, in a chunk of its own', () => {
    expect(entryScript).toBeDefined();
    const withSocketIo = scripts.filter((name) =>
      readFileSync(join(ASSETS, name), 'utf8').includes(SOCKET_IO_MARKER),
    );
    expect(withSocketIo).toHaveLength(1);
    expect(withSocketIo).not.toContain(entryScript);
  });

  describe('in Chromium', () => {
    let browser: Browser;

    beforeAll(async () => {
      browser = await launchChromium();
    });

    afterAll(() => browser?.close());

    it.each([
      ['websocket', false],
      ['socket.io', true],
    ] as const)(
      'loads socket.io-client only when the page picks that transport (%s)',
      async (transport, loadsIt) => {
        const socketIoChunk = scripts.find((name) =>
          readFileSync(join(ASSETS, name), 'utf8').includes(SOCKET_IO_MARKER),
        );
        const opened = await openApp(browser, api.httpUrl, { transport });
        try {
          const requested: string[] = [];
          opened.page.on('request', (r) => requested.push(new URL(r.url()).pathname));
          await logIn(opened.page, 'bob');
          await joinByName(opened, `assets-${transport}`);
          expect(requested.includes(`/assets/${socketIoChunk}`)).toBe(loadsIt);
          expect(opened.errors).toEqual([]);
        } finally {
          await opened.context.close();
        }
      },
    );
  });
});
