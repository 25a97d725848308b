import {
  CloseCode,
  TERMINAL_CLOSE_CODES,
  type ClientMessage,
  type ClientMessageType,
  type ClientPayloadOf,
  type DecodeError,
  type DecodeResult,
  type ServerMessage,
  type ServerMessageOf,
  type ServerMessageType,
  type WireEncoding,
} from '@pulse/protocol';
import { isAuthFailure } from './auth-error';
import { defaultBackoffOptions, nextDelay, type BackoffOptions } from './backoff';
import {
  initialConnectionState,
  nextAttempt,
  transition,
  type ConnectionEvent,
  type ConnectionState,
} from './connection-state';
import { Listeners } from './listeners';
import { LivenessWatchdog, type LivenessOptions } from './liveness';
import { MessageRouter } from './message-router';
import { browserNetworkSignals, type NetworkSignal, type NetworkSignals } from './network/network-signals';
import { Outbox } from './outbox';
import { Reauthenticator } from './reauth/reauthenticator';
import { PendingRequests } from './requests/pending-requests';
import { ResumePoints } from './resume/resume-points';
import { ResumeTicket } from './resume/resume-ticket';
import { createTransport } from './transports/create-transport';
import { retryHintOf } from './retry-hint';
import type { Transport, TransportConnection, TransportName } from './transports/transport';
import { TypingThrottle, type TypingThrottleOptions } from './typing/typing-throttle';
import type { WebSocketConstructor } from './web-socket.types';

export interface PulseClientOptions {
  /**
   * The ws(s) URL of the socket endpoint, without a query: `wss://example.com/ws`. With the Socket.IO transport
   * only its origin counts (Socket.IO is served on the same host and port, at `socketIoPath`).
   */
  url: string;
  /**
   * Fetches a fresh single-use ticket; called before every connect attempt. Reject with an error marked as an
   * auth failure (see `isAuthFailure`, e.g. a 401 from `/auth/ticket`) to stop reconnecting.
   */
  getTicket: () => Promise<string>;
  /**
   * Reconnect with the `resume-ticket` the server sent on the previous connection, straight to the upgrade, and
   * call `getTicket` only when there is none or the upgrade with it was refused (the next attempt follows at once).
   * @default true
   */
  resumeTickets?: boolean;
  /**
   * Which wire carries the protocol: the native WebSocket at `url` (`?ticket=` in the URL), or Socket.IO on the
   * same host and port (the ticket in the handshake's `auth`; events named by message `type`). Either way the API,
   * the reconnect logic and the messages are the same.
   * @default 'websocket'
   */
  transport?: TransportName;
  /**
   * The WebSocket implementation for the `websocket` transport, e.g. `WebSocket` from `ws` in Node.
   * @default globalThis.WebSocket
   */
  WebSocketImpl?: WebSocketConstructor;
  /**
   * How messages travel on the `websocket` transport: JSON text frames, or MessagePack binary frames (the client
   * offers the subprotocol `pulse.v1.msgpack`; smaller frames, same messages). Socket.IO always uses JSON.
   * @default 'json'
   */
  encoding?: WireEncoding;
  /**
   * The path the server serves Socket.IO at, for the `socket.io` transport.
   * @default '/socket.io'
   */
  socketIoPath?: string;
  /**
   * Per-tick batching, asked of the server on every (re)connect of the `websocket` transport: it then sends at
   * most this many frames a second, several messages in one `batch`, which the client unpacks in order, so
   * handlers still see one message at a time. Trades up to 1/batchHz s of latency for far less server CPU per
   * message in busy rooms. 0 or unset: off. At most `MAX_BATCH_HZ` (60).
   */
  batchHz?: number;
  /** Reconnect delays; each field defaults as documented on `BackoffOptions`. */
  backoff?: Partial<BackoffOptions>;
  /** Ping watchdog timing; each field defaults as documented on `LivenessOptions`. */
  liveness?: Partial<LivenessOptions>;
  /**
   * How many messages `send` keeps while the socket is not open; past it the oldest is dropped.
   * @default 64
   */
  outboxLimit?: number;
  /**
   * How long `request` waits for the `ack` (or `error`) before rejecting with `TIMEOUT`, in milliseconds.
   * @default 10000
   */
  requestTimeoutMs?: number;
  /** How often `typing` may announce; each field defaults as documented on `TypingThrottleOptions`. */
  typing?: Partial<TypingThrottleOptions>;
  /**
   * Where the client hears that the network came back or the page became visible (it then retries at once instead of
   * waiting out the backoff, or probes an open link with a ping), or that the network went away (it drops the open
   * link, which cannot work, and starts reconnecting). `null` turns this off.
   * @default the browser's `online`/`offline` and `visibilitychange` events; none outside a browser
   */
  networkSignals?: NetworkSignals | null;
}

/** Problems on the client's side of the wire, reported to `onError` listeners; none of them is thrown. */
export type PulseClientError =
  | { readonly kind: 'invalid-frame'; readonly error: DecodeError }
  | { readonly kind: 'outbox-overflow'; readonly dropped: ClientMessage }
  | { readonly kind: 'ticket'; readonly error: unknown }
  /** Answering `reauth-required` failed: no ticket, or the server refused it (it closes with 4001 at its deadline). */
  | { readonly kind: 'reauth'; readonly error: unknown }
  | { readonly kind: 'socket'; readonly error: unknown };

/** The close of a client whose ticket request was refused as an auth failure. */
export const AUTH_FAILURE_CLOSE = { code: CloseCode.AUTH_EXPIRED, reason: 'credentials refused' } as const;

const CLIENT_CLOSE = { code: CloseCode.NORMAL, reason: 'closed by client' } as const;
const DEFAULT_OUTBOX_LIMIT = 64;
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/**
 * A Pulse connection: fetches a ticket, opens the socket, reconnects with backoff after an unexpected close,
 * re-joins its rooms, and keeps the link honest with an app-level ping watchdog.
 */
export class PulseClient {
  private readonly transport: Transport;
  private readonly backoff: BackoffOptions;
  private readonly outbox: Outbox;
  private readonly watchdog: LivenessWatchdog;
  private readonly router = new MessageRouter();
  private readonly stateListeners = new Listeners<ConnectionState>();
  private readonly errorListeners = new Listeners<PulseClientError>();
  private readonly rooms = new Set<string>();
  private readonly resumePoints = new ResumePoints();
  private readonly resumeTicket = new ResumeTicket();
  private readonly requests: PendingRequests;
  private readonly typingThrottle: TypingThrottle;
  private readonly reauth: Reauthenticator;
  private readonly networkSignals: NetworkSignals | undefined;
  private stopListening: (() => void) | undefined;
  private current: ConnectionState = initialConnectionState;
  private link: TransportConnection | undefined;
  /** Bumped whenever an attempt is abandoned, so late callbacks of an old link or ticket do nothing. */
  private generation = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: PulseClientOptions) {
    const url = new URL(options.url);
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
      throw new TypeError(`PulseClient url must be ws: or wss:, got ${url.protocol}`);
    }
    this.transport = createTransport(url, options);
    this.backoff = { ...defaultBackoffOptions, ...options.backoff };
    this.outbox = new Outbox(options.outboxLimit ?? DEFAULT_OUTBOX_LIMIT);
    this.requests = new PendingRequests(options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
    this.typingThrottle = new TypingThrottle(
      (room, active) => this.write({ type: 'typing', room, active }),
      options.typing,
    );
    this.watchdog = new LivenessWatchdog(
      { sendPing: (t) => this.write({ type: 'ping', t }), onDead: () => this.linkDied() },
      options.liveness,
    );
    this.reauth = new Reauthenticator({
      getTicket: () => this.options.getTicket(),
      isCurrent: (link) => link === this.generation && this.isOpen(),
      sendReauth: (ticket) => this.request('reauth', { ticket }),
      onError: (error) => this.errorListeners.emit({ kind: 'reauth', error }),
    });
    this.networkSignals =
      options.networkSignals === null ? undefined : (options.networkSignals ?? browserNetworkSignals());
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** The round-trip time of the latest watchdog ping, in milliseconds; undefined until one was answered. */
  get rtt(): number | undefined {
    return this.watchdog.rtt;
  }

  /** The rooms this client is in, and re-joins after a reconnect. */
  get joinedRooms(): readonly string[] {
    return [...this.rooms];
  }

  connect(): void {
    if (!this.apply({ type: 'connect' })) return;
    this.stopListening ??= this.networkSignals?.subscribe((signal) => this.heard(signal));
    void this.attempt();
  }

  /** Closes deliberately: no reconnect until `connect()` is called again. */
  close(): void {
    clearTimeout(this.retryTimer);
    this.stopListening?.();
    this.stopListening = undefined;
    this.dropLink(CLIENT_CLOSE.code, CLIENT_CLOSE.reason);
    this.apply({ type: 'close', ...CLIENT_CLOSE });
    this.requests.rejectAll('CLOSED', CLIENT_CLOSE.reason);
  }

  /**
   * Sends a message, or queues it until the socket opens. `join` and `leave` also update the rooms this client
   * re-joins; while not open they are not queued, since the next connection joins the tracked rooms anyway.
   */
  send<T extends ClientMessageType>(type: T, payload: ClientPayloadOf<T>): void {
    // The payload of T plus its type is the message of T; TypeScript cannot follow that through a generic.
    const message = { ...payload, type } as ClientMessage;
    if (message.type === 'join' || message.type === 'leave') {
      this.trackRoom(message.type, message.room);
      if (!this.isOpen()) return;
    }
    if (this.isOpen()) {
      this.write(message);
      return;
    }
    const dropped = this.outbox.push(message);
    if (dropped) this.errorListeners.emit({ kind: 'outbox-overflow', dropped });
  }

  /**
   * Sends a message with an `id` (the given one, or a fresh one) and resolves with its `ack`; rejects with a
   * `PulseRequestError` carrying the server's error code, `TIMEOUT` after `requestTimeoutMs`, or `CLOSED`. Sent while
   * not open, it waits in the outbox like any message (the server remembers ids, so a repeat is not applied twice).
   */
  request<T extends ClientMessageType>(
    type: T,
    payload: ClientPayloadOf<T>,
  ): Promise<ServerMessageOf<'ack'>> {
    const given = (payload as { id?: string }).id;
    const id = given ?? this.requests.nextId();
    const answer = this.requests.track(id);
    this.send(type, { ...payload, id });
    return answer;
  }

  /**
   * Says whether this user is typing in `room`: call it with `true` on every keystroke and `false` when the user
   * stops (sent the line, cleared the input). At most one `typing` per `typing.refreshMs` reaches the server, and
   * nothing is sent or queued while the socket is not open.
   */
  typing(room: string, active: boolean): void {
    if (!this.isOpen()) return;
    if (active) this.typingThrottle.typed(room);
    else this.typingThrottle.stopped(room);
  }

  join(room: string): void {
    this.send('join', { room });
  }

  leave(room: string): void {
    this.send('leave', { room });
  }

  on<T extends ServerMessageType>(type: T, handler: (message: ServerMessageOf<T>) => void): () => void {
    return this.router.on(type, handler);
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    return this.stateListeners.add(listener);
  }

  onError(listener: (error: PulseClientError) => void): () => void {
    return this.errorListeners.add(listener);
  }

  private isOpen(): boolean {
    return this.current.status === 'open' && this.link?.isOpen === true;
  }

  private trackRoom(type: 'join' | 'leave', room: string): void {
    if (type === 'join') {
      this.rooms.add(room);
      return;
    }
    this.rooms.delete(room);
    this.outbox.dropRoom(room);
    this.resumePoints.forget(room);
    this.typingThrottle.forget(room);
  }

  private apply(event: ConnectionEvent): boolean {
    const next = transition(this.current, event);
    if (next === this.current) return false;
    this.current = next;
    this.stateListeners.emit(next);
    return true;
  }

  private async attempt(): Promise<void> {
    const generation = ++this.generation;
    // Offline, an attempt cannot reach the server: the resume ticket is kept for one that can.
    const useResume = this.options.resumeTickets !== false && this.networkSignals?.isOffline?.() !== true;
    const resumeTicket = useResume ? this.resumeTicket.take(Date.now()) : undefined;
    let ticket: string;
    try {
      ticket = resumeTicket ?? (await this.options.getTicket());
    } catch (error) {
      if (generation !== this.generation) return;
      this.errorListeners.emit({ kind: 'ticket', error });
      if (isAuthFailure(error)) this.apply({ type: 'close', ...AUTH_FAILURE_CLOSE });
      else this.retryLater();
      return;
    }
    if (generation !== this.generation) return;
    const live = () => generation === this.generation;
    let wasOpen = false;
    try {
      this.link = this.transport.open(ticket, {
        opened: () => {
          wasOpen = true;
          if (live()) this.opened();
        },
        received: (result) => {
          if (live()) this.received(result);
        },
        closed: (code, reason) => {
          if (live()) this.closedByPeer(code, reason, resumeTicket !== undefined && !wasOpen);
        },
      });
    } catch (error) {
      this.errorListeners.emit({ kind: 'socket', error });
      this.retryLater();
    }
  }

  private opened(): void {
    const next = transition(this.current, { type: 'opened' });
    if (next === this.current) return;
    this.current = next;
    const batchHz = this.options.batchHz ?? 0;
    if (batchHz > 0 && (this.options.transport ?? 'websocket') === 'websocket')
      this.write({ type: 'batching', hz: batchHz });
    for (const room of this.rooms) {
      const since = this.resumePoints.get(room);
      this.write(since ? { type: 'join', room, since } : { type: 'join', room });
    }
    for (const message of this.outbox.drain()) this.write(message);
    this.watchdog.start();
    this.stateListeners.emit(next);
  }

  private received(result: DecodeResult<ServerMessage>): void {
    this.watchdog.messageReceived();
    if (!result.ok) {
      this.errorListeners.emit({ kind: 'invalid-frame', error: result.error });
      return;
    }
    if (result.message.type === 'batch') {
      for (const message of result.message.messages) this.handle(message);
      return;
    }
    this.handle(result.message);
  }

  private handle(message: ServerMessage): void {
    if (message.type === 'pong') this.watchdog.pongReceived(message.t);
    if (message.type === 'reauth-required') void this.reauth.answer(this.generation);
    if (message.type === 'resume-ticket') this.resumeTicket.keep(message, Date.now());
    this.resumePoints.observe(message);
    this.router.dispatch(message);
    this.requests.settle(message);
  }

  /** `resumeRefused`: the link was opened with a resume ticket and never came up; the next attempt gets a ticket at once. */
  private closedByPeer(code: number, reason: string, resumeRefused: boolean): void {
    this.dropLink();
    if (TERMINAL_CLOSE_CODES.some((terminal) => terminal === code)) {
      this.resumeTicket.forget();
      this.apply({ type: 'close', code, reason });
    } else this.retryLater(resumeRefused ? 0 : retryHintOf(reason, this.backoff.maxDelayMs));
  }

  /** The network or the page changed: see `PulseClientOptions.networkSignals`. */
  private heard(signal: NetworkSignal): void {
    if (signal === 'offline') {
      if (!this.isOpen()) return;
      this.dropLink(CloseCode.HEARTBEAT_TIMEOUT, 'network offline');
      this.retryLater();
    } else if (this.current.status === 'reconnecting') {
      this.retryNow();
    } else if (this.isOpen()) {
      this.watchdog.probe();
    }
  }

  private linkDied(): void {
    this.dropLink(CloseCode.HEARTBEAT_TIMEOUT, 'no answer to ping');
    this.retryLater();
  }

  /** Forgets the current link (its late events are ignored) and closes it when a code is given. */
  private dropLink(code?: number, reason = ''): void {
    const link = this.link;
    this.link = undefined;
    this.generation++;
    this.watchdog.stop();
    this.typingThrottle.reset();
    if (link && code !== undefined) link.close(code, reason);
  }

  /** `hintMs`: the wait the server asked for when it closed (a draining node spreads its clients out this way). */
  private retryLater(hintMs?: number): void {
    const delayMs = hintMs ?? nextDelay(nextAttempt(this.current) - 1, this.backoff);
    if (!this.apply({ type: 'lost', delayMs })) return;
    this.retryTimer = setTimeout(() => this.retryNow(), delayMs);
  }

  /** Ends the reconnect wait early (or on time) and attempts. */
  private retryNow(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    if (this.apply({ type: 'retry' })) void this.attempt();
  }

  private write(message: ClientMessage): void {
    this.link?.send(message);
  }
}
