import type { ClientMessage, ServerMessage, ServerMessageOf, ServerMessageType } from '@pulse/protocol';
import { serverMessageTypes } from '@pulse/protocol';
import { io, type Socket } from 'socket.io-client';

const WAIT_MS = 5000;

/** A Socket.IO protocol client for tests: events named by `type`, the message as the argument. */
export class SocketIoTestClient {
  private readonly pending: ServerMessage[] = [];
  private readonly waiters: Array<{
    matches: (m: ServerMessage) => boolean;
    resolve: (m: ServerMessage) => void;
  }> = [];

  private constructor(readonly socket: Socket) {
    for (const type of serverMessageTypes) {
      socket.on(type, (message: ServerMessage) => {
        const waiter = this.waiters.find((w) => w.matches(message));
        if (waiter) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        } else this.pending.push(message);
      });
    }
  }

  /**
   * Connects with the ticket in the handshake's query; rejects with the `connect_error`, its `data` the refusal's
   * `{status, reason}` (a refused handshake's JSON body over long-polling; only its status over WebSocket).
   */
  static connect(
    httpUrl: string,
    ticket: string | undefined,
    transports: Array<'polling' | 'websocket'> = ['websocket'],
  ): Promise<SocketIoTestClient> {
    const socket = io(httpUrl, {
      path: '/socket.io',
      query: ticket ? { ticket } : {},
      transports,
      reconnection: false,
      forceNew: true,
    });
    const client = new SocketIoTestClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(client));
      socket.once('connect_error', (error) => {
        socket.close();
        reject(withRefusal(error));
      });
    });
  }

  emit(message: ClientMessage): void {
    const { type, ...payload } = message;
    this.socket.emit(type, payload);
  }

  emitWithAck(message: ClientMessage | Record<string, unknown>, type: string): Promise<unknown> {
    return this.socket.timeout(WAIT_MS).emitWithAck(type, message);
  }

  next<T extends ServerMessageType>(
    type: T,
    where: (m: ServerMessageOf<T>) => boolean = () => true,
  ): Promise<ServerMessageOf<T>> {
    const matches = (m: ServerMessage): boolean => m.type === type && where(m as ServerMessageOf<T>);
    const index = this.pending.findIndex(matches);
    if (index >= 0) return Promise.resolve(this.pending.splice(index, 1)[0] as ServerMessageOf<T>);
    return new Promise((resolve, reject) => {
      const waiter = {
        matches,
        resolve: (m: ServerMessage) => {
          clearTimeout(timer);
          resolve(m as ServerMessageOf<T>);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no "${type}" within ${WAIT_MS} ms`));
      }, WAIT_MS);
      this.waiters.push(waiter);
    });
  }

  close(): void {
    this.socket.close();
  }
}

type ConnectError = Error & { data?: unknown; description?: unknown; context?: { responseText?: unknown } };

/** The server's refusal on the error: Socket.IO's CONNECT refusal (`data`), or the handshake's HTTP answer. */
function withRefusal(error: ConnectError): ConnectError {
  if (error.data !== undefined) return error;
  const body =
    typeof error.context?.responseText === 'string' ? parsed(error.context.responseText) : undefined;
  if (body && typeof body.status === 'number')
    return Object.assign(new Error(String(body.message)), {
      data: { status: body.status, reason: body.reason },
    });
  const status = /Unexpected server response: (\d+)/.exec(
    String((error.description as { message?: unknown } | undefined)?.message),
  )?.[1];
  return status ? Object.assign(error, { data: { status: Number(status) } }) : error;
}

function parsed(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
