import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

const fromHere = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Where the dev server forwards the API; read once here, the web app's only config. */
function apiTarget(): string {
  const value = process.env['PULSE_API_URL'] ?? 'http://localhost:3000';
  if (!URL.canParse(value)) throw new Error(`PULSE_API_URL is not a URL: ${value}`);
  return value;
}

/** The dev server's own address: `PULSE_WEB_PORT` (default 5173, then the next free one) and `PULSE_WEB_HOST`. */
function devServerAddress(): { port?: number; strictPort?: boolean; host?: string } {
  const port = process.env['PULSE_WEB_PORT'];
  const host = process.env['PULSE_WEB_HOST'];
  if (port !== undefined && !/^\d{1,5}$/.test(port)) throw new Error(`PULSE_WEB_PORT is not a port: ${port}`);
  return {
    ...(port === undefined ? {} : { port: Number(port), strictPort: true }),
    ...(host ? { host } : {}),
  };
}

/** A browser navigating to one of the app's addresses gets index.html from Vite; API calls go on to the API. */
function pageLoadStaysHere(request: {
  headers: Record<string, string | string[] | undefined>;
}): string | undefined {
  const accept = request.headers['accept'];
  return typeof accept === 'string' && accept.includes('text/html') ? '/index.html' : undefined;
}

export default defineConfig(() => {
  const target = apiTarget();
  return {
    // Every emitted file also as .gz and .br next to it, which the API serves to browsers that accept them.
    plugins: [
      react(),
      compression({ algorithms: ['gzip', 'brotliCompress'], threshold: 0, skipIfLargerOrEqual: true }),
    ],
    resolve: {
      alias: {
        '@pulse/protocol': fromHere('../../libs/protocol/src/index.ts'),
        '@pulse/client': fromHere('../../libs/client/src/index.ts'),
      },
    },
    build: { outDir: '../../dist/apps/web', emptyOutDir: true },
    server: {
      ...devServerAddress(),
      proxy: {
        '/auth': { target, changeOrigin: true },
        '/healthz': { target, changeOrigin: true },
        // /rooms/<name>, /ticker and /admin are also the app's own pages: a page load (HTML) stays with Vite.
        '/rooms': { target, changeOrigin: true, bypass: pageLoadStaysHere },
        '/admin': { target, changeOrigin: true, bypass: pageLoadStaysHere },
        '/ticker': { target, changeOrigin: true, bypass: pageLoadStaysHere },
        '/ws': { target, ws: true, changeOrigin: true },
        '/socket.io': { target, ws: true, changeOrigin: true },
        '/collab': { target, ws: true, changeOrigin: true },
      },
    },
  };
});
