import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The template next to this file; its placeholders are `{{NAME}}`. */
export const NGINX_TEMPLATE_PATH = join(__dirname, 'nginx.conf.template');

export interface NginxConfigOptions {
  /** Absolute directory nginx runs in (`nginx -p`): pid, lock and temp files go under it. */
  readonly prefix: string;
  /** Address nginx listens on. @default '127.0.0.1' */
  readonly listenHost?: string;
  readonly listenPort: number;
  /** The Pulse nodes, as `host:port`. */
  readonly upstreams: readonly string[];
  /** The nodes' HEARTBEAT_INTERVAL_MS; the proxy timeouts are derived from it (see `proxyTimeoutSeconds`). */
  readonly heartbeatIntervalMs: number;
  /** Renders `user root;` so workers can write the prefix when the master runs as root. @default the current uid is 0 */
  readonly runAsRoot?: boolean;
}

/** Floor for the proxy timeouts: a socket that stays silent this long is surely dead, whatever the heartbeat. */
const MIN_PROXY_TIMEOUT_S = 10;

/** Read/send timeouts for sockets and polls: 2.5 heartbeats (75 s for the default 30 s), at least 10 s. */
export function proxyTimeoutSeconds(heartbeatIntervalMs: number): number {
  return Math.max(MIN_PROXY_TIMEOUT_S, Math.ceil((heartbeatIntervalMs * 2.5) / 1000));
}

/** The directories the rendered config names under its prefix; they must exist before nginx starts. */
export function nginxTempDirs(prefix: string): string[] {
  return ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => join(prefix, 'temp', name));
}

/** Renders `nginx.conf.template` for the given nodes. Throws on an unknown placeholder or a bad option. */
export function renderNginxConfig(
  options: NginxConfigOptions,
  template = readFileSync(NGINX_TEMPLATE_PATH, 'utf8'),
): string {
  if (options.upstreams.length === 0) throw new Error('nginx config: at least one upstream node is needed');
  if (!options.prefix.startsWith('/'))
    throw new Error(`nginx config: prefix must be absolute (got "${options.prefix}")`);
  const runAsRoot = options.runAsRoot ?? process.getuid?.() === 0;
  const values: Record<string, string> = {
    NODE_COUNT: String(options.upstreams.length),
    PREFIX: options.prefix.replace(/\/+$/, ''),
    LISTEN_HOST: options.listenHost ?? '127.0.0.1',
    LISTEN_PORT: String(options.listenPort),
    READ_TIMEOUT_S: String(proxyTimeoutSeconds(options.heartbeatIntervalMs)),
    UPSTREAM_SERVERS: options.upstreams
      .map((address) => `    server ${address} max_fails=1 fail_timeout=2s;`)
      .join('\n'),
    USER_DIRECTIVE: runAsRoot
      ? '# The master runs as root: so do the workers, which must write the temp dirs under the prefix.\nuser root;'
      : '',
  };
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (placeholder, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`nginx config: unknown placeholder ${placeholder}`);
    return value;
  });
}
