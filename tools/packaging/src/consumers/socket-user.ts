import { WebSocket } from 'ws';

type Frame = Record<string, unknown> & { type: string };

/** Logs a dev user in at `baseUrl` and mints a socket ticket, as `@pulse/client` does (`login`, `fetchTicket`). */
export async function ticketFor(baseUrl: string, username: string): Promise<string> {
  const login = await fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'pulse' }),
  });
  if (login.status !== 200) throw new Error(`login of ${username} answered ${login.status}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const ticket = await fetch(`${baseUrl}/auth/ticket`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}` },
  });
  if (ticket.status !== 200) throw new Error(`ticket for ${username} answered ${ticket.status}`);
  return ((await ticket.json()) as { ticket: string }).ticket;
}

/** A plain `ws` socket on `/ws` that keeps every frame it got, to wait for the one a test expects. */
export class SocketUser {
  private readonly frames: Frame[] = [];
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)) as Frame);
      for (const wake of this.waiters) wake();
    });
  }

  static async open(baseUrl: string, username: string): Promise<SocketUser> {
    const ticket = await ticketFor(baseUrl, username);
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws?ticket=${ticket}`);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`upgrade answered ${response.statusCode}`)),
      );
    });
    return new SocketUser(socket);
  }

  /** The HTTP status an upgrade to `/ws` with `query` gets (a refused one never reaches the 101). */
  static refusal(baseUrl: string, query: string): Promise<number> {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws${query}`);
    return new Promise((resolve, reject) => {
      socket.once('open', () => {
        socket.terminate();
        reject(new Error('the upgrade was accepted'));
      });
      socket.once('unexpected-response', (_request, response) => {
        resolve(response.statusCode ?? 0);
        socket.terminate();
      });
      socket.once('error', reject);
    });
  }

  send(frame: Frame): void {
    this.socket.send(JSON.stringify(frame));
  }

  /** The first frame (received before or after the call) that matches; rejects, with what did arrive, after `timeoutMs`. */
  next(matches: (frame: Frame) => boolean, timeoutMs = 30_000): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(
          new Error(
            `no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames).slice(0, 2000)}`,
          ),
        );
      }, timeoutMs);
      const check = () => {
        const found = this.frames.find(matches);
        if (!found) return false;
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(found);
        return true;
      };
      const wake = () => void check();
      if (!check()) this.waiters.add(wake);
    });
  }

  close(): void {
    this.socket.terminate();
  }
}
