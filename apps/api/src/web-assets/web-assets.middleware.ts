import type { NextFunction, Request, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { relative, sep } from 'node:path';

/** Where Vite writes the files whose names carry a hash of their content. */
const HASHED_DIR = 'assets';

/**
 * The web app's own addresses (apps/web/src/app/routes.ts): a page load there gets index.html, and the app reads the
 * path. `/ticker/symbols`, `GET /rooms` and `/admin/...` stay API routes.
 */
const WEB_APP_ROUTE = /^\/(?:ticker|admin|rooms\/[^/]+(?:\/notes)?)\/?$/;

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** The Cache-Control of a served file: a year for a content-hashed asset, revalidation for the rest. */
export function cacheControlFor(root: string, file: string): string {
  const path = relative(root, file);
  return path.startsWith(`${HASHED_DIR}${sep}`) ? IMMUTABLE : REVALIDATE;
}

/**
 * The built web app as a CDN would serve it: the `.br` or `.gz` twin the Vite build wrote next to each file when the
 * browser accepts it (brotli first, `Vary: Accept-Encoding`), content-hashed `/assets/*` cached for a year as
 * immutable, `index.html` and the other unhashed files revalidated on every use (ETag / Last-Modified).
 */
export function webAssets(root: string): (request: Request, response: Response, next: NextFunction) => void {
  const files = expressStaticGzip(root, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: 'index.html',
    serveStatic: {
      cacheControl: false,
      setHeaders: (response, file) => response.setHeader('Cache-Control', cacheControlFor(root, file)),
    },
  });
  return (request, response, next) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && WEB_APP_ROUTE.test(request.path))
      request.url = '/index.html';
    files(request, response, next);
  };
}
