import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { IncomingMessage } from 'node:http';
import { relative, sep } from 'node:path';

/** Where Vite writes the files whose names carry a hash of their content. */
const HASHED_DIR = 'assets';

/**
 * The web app's own addresses (apps/web/src/app/routes.ts): a page load there gets index.html, and the app reads the
 * path. `/ticker/symbols`, `GET /rooms` and `/admin/...` stay API routes.
 */
const WEB_APP_ROUTE = /^\/(?:ticker|admin|rooms\/[^/]+(?:\/notes)?)\/?$/;

const INDEX = '/index.html';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** The Cache-Control of a served file: a year for a content-hashed asset, revalidation for the rest. */
export function cacheControlFor(root: string, file: string): string {
  const path = relative(root, file);
  return path.startsWith(`${HASHED_DIR}${sep}`) ? IMMUTABLE : REVALIDATE;
}

/**
 * The URL a request is routed by (Fastify's `rewriteUrl`, which keeps the one sent as `originalUrl`): a page load at
 * `/` or one of the web app's addresses is a load of index.html, anything else is left as sent.
 */
export function webAppUrl(request: Pick<IncomingMessage, 'method' | 'url'>): string {
  const url = request.url ?? '/';
  if (request.method !== 'GET' && request.method !== 'HEAD') return url;
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  // `/` too: @fastify/static finds no pre-compressed index for a directory.
  return path === '/' || WEB_APP_ROUTE.test(path) ? INDEX : url;
}

/**
 * The built web app as a CDN would serve it: the `.br` or `.gz` twin the Vite build wrote next to each file when the
 * browser accepts it (brotli first, `Vary: Accept-Encoding`), content-hashed `/assets/*` cached for a year as
 * immutable, `index.html` and the other unhashed files revalidated on every use (ETag / Last-Modified). A GET for a
 * path that is neither a file nor an API route is the API's 404. With `webAppUrl` as the app's `rewriteUrl`.
 */
export async function serveWebAssets(app: NestFastifyApplication, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    preCompressed: true,
    index: 'index.html',
    cacheControl: false,
    setHeaders: (reply, file) => {
      reply.header('Cache-Control', cacheControlFor(root, file));
      // Named as browsers and CDNs write it; @fastify/static keeps a Vary that already names it.
      reply.header('Vary', 'Accept-Encoding');
    },
  });
}
