import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const fromHere = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Where the dev server forwards the API; read once here, the web app's only config. */
function apiTarget(): string {
  const value = process.env['PULSE_API_URL'] ?? 'http://localhost:3000';
  if (!URL.canParse(value)) throw new Error(`PULSE_API_URL is not a URL: ${value}`);
  return value;
}

export default defineConfig(() => {
  const target = apiTarget();
  return {
    plugins: [react()],
    resolve: {
      alias: {
        '@pulse/protocol': fromHere('../../libs/protocol/src/index.ts'),
        '@pulse/client': fromHere('../../libs/client/src/index.ts'),
      },
    },
    build: { outDir: '../../dist/apps/web', emptyOutDir: true },
    server: {
      proxy: {
        '/auth': { target, changeOrigin: true },
        '/healthz': { target, changeOrigin: true },
        '/rooms': { target, changeOrigin: true },
        '/ticker': { target, changeOrigin: true },
        '/ws': { target, ws: true, changeOrigin: true },
        '/socket.io': { target, ws: true, changeOrigin: true },
      },
    },
  };
});
