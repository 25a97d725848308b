/** Timing of the app-level ping watchdog (browsers cannot see protocol pings). */
export interface LivenessOptions {
  /**
   * Send a `ping` this often while the link is open (and once as it opens), in milliseconds.
   * @default 10000
   */
  pingIntervalMs: number;
  /**
   * Declare the link dead when no message at all arrives this long after a ping, in milliseconds.
   * @default 5000
   */
  pongTimeoutMs: number;
}

export const defaultLivenessOptions: LivenessOptions = { pingIntervalMs: 10_000, pongTimeoutMs: 5_000 };

export interface LivenessHooks {
  /** Sends `{"type":"ping","t":t}`. */
  sendPing(t: number): void;
  /** Called once when the link is presumed dead; the watchdog has stopped by then. */
  onDead(): void;
  /** The clock used for `t` and the round-trip time. @default Date.now */
  now?: () => number;
}

/** Pings on a timer, watches for traffic after each ping, and measures the round-trip time from pongs. */
export class LivenessWatchdog {
  private readonly options: LivenessOptions;
  private readonly now: () => number;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private deadline: ReturnType<typeof setTimeout> | undefined;
  private lastRtt: number | undefined;
  private outstandingPing: number | undefined;

  constructor(
    private readonly hooks: LivenessHooks,
    options: Partial<LivenessOptions> = {},
  ) {
    this.options = { ...defaultLivenessOptions, ...options };
    this.now = hooks.now ?? Date.now;
  }

  /** The round-trip time of the latest pong, in milliseconds; undefined before the first one. */
  get rtt(): number | undefined {
    return this.lastRtt;
  }

  get running(): boolean {
    return this.pingTimer !== undefined;
  }

  /** Pings at once, which measures the round-trip time right away, then every `pingIntervalMs`. */
  start(): void {
    this.stop();
    this.pingTimer = setInterval(() => this.ping(), this.options.pingIntervalMs);
    this.ping();
  }

  /**
   * Pings now, out of turn, and expects traffic within the pong timeout: for moments when the link may have died
   * unnoticed (the network came back, the page woke up). Does nothing while stopped.
   */
  probe(): void {
    if (this.running) this.ping();
  }

  stop(): void {
    clearInterval(this.pingTimer);
    clearTimeout(this.deadline);
    this.pingTimer = undefined;
    this.deadline = undefined;
  }

  /** Call for every inbound message: any traffic proves the link is alive. */
  messageReceived(): void {
    clearTimeout(this.deadline);
    this.deadline = undefined;
  }

  /** Call with the `t` of a pong (after `messageReceived`). Pongs to pings the watchdog did not send are ignored. */
  pongReceived(t: number): void {
    if (t !== this.outstandingPing) return;
    this.outstandingPing = undefined;
    this.lastRtt = Math.max(0, this.now() - t);
  }

  private ping(): void {
    this.outstandingPing = this.now();
    this.hooks.sendPing(this.outstandingPing);
    if (this.deadline !== undefined) return;
    this.deadline = setTimeout(() => {
      this.stop();
      this.hooks.onDead();
    }, this.options.pongTimeoutMs);
  }
}
