import { freePort } from '@pulse/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ipHashPeer, loopbackAddressFor, startNginx, type NginxProcess } from '@pulse/nginx';

/** Which node nginx's ip_hash sends a client to, and a loopback address that lands on a given node. */
export { ipHashPeer, loopbackAddressFor };

export interface TestNginx extends NginxProcess {
  /** `ws://127.0.0.1:PORT` of the proxy. */
  readonly wsBaseUrl: string;
}

/**
 * nginx in front of `upstreams` (`host:port` of running nodes), with the repository's config rendered into a
 * fresh temp dir and a free port, ready once `/healthz` answers through it. `stop()` ends it by PID and removes
 * the dir.
 */
export async function startTestNginx(
  upstreams: readonly string[],
  heartbeatIntervalMs: number,
): Promise<TestNginx> {
  const prefix = mkdtempSync(join(tmpdir(), 'pulse-nginx-'));
  try {
    const nginx = await startNginx({ prefix, listenPort: await freePort(), upstreams, heartbeatIntervalMs });
    return {
      ...nginx,
      wsBaseUrl: nginx.url.replace(/^http/, 'ws'),
      async stop() {
        await nginx.stop();
        rmSync(prefix, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(prefix, { recursive: true, force: true });
    throw error;
  }
}
