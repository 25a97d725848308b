/** Every figure a scenario can report for one run. */
export interface Metrics {
  /** `move` frames received per second in the steady window. */
  deliveredPerS?: number;
  /** Moves received / moves the sends should cause, over the whole send phase plus a drain. */
  deliveredRatio?: number;
  /** Moves actually sent per second in the steady window (shows a lagging generator). */
  sentPerS?: number;
  p50Ms?: number;
  p99Ms?: number;
  p999Ms?: number;
  /** Server CPU (utime + stime, all nodes and their redis-server if any) per delivered message, in µs, steady window. */
  cpuUsPerMsg?: number;
  /** Payload bytes received per delivered move in the steady window (native WebSocket clients: JSON or MessagePack). */
  bytesPerMsg?: number;
  /** Server CPU use in the measured window, percent of one core. */
  serverCpuPct?: number;
  /** The private redis-server's part of `serverCpuPct` (set-ups with Redis), percent of one core. */
  redisCpuPct?: number;
  /** The load generator's own CPU use in the window, percent of one core. */
  loadgenCpuPct?: number;
  /** CPU used by other processes on the machine in the window, percent of one core (noise). */
  otherCpuPct?: number;
  /** RSS growth per idle connection joined to a room, KiB. */
  rssKbPerConn?: number;
  /** Connections opened per second (Pulse: ticket + upgrade + join; baselines: bare upgrade). */
  connectsPerS?: number;
  /** Reconnect storm: clients back per second (Pulse: upgrade with the resume ticket + join until `resumed`; ws: bare upgrade). */
  reconnectsPerS?: number;
  /** Reconnect storm: from the drain's start (ws: from the first re-upgrade) until the last client is back, ms. */
  lastResumedMs?: number;
  /** Reconnect storm: clients whose resume ticket was refused and that fetched a ticket over HTTP. */
  ticketFallbacks?: number;
  /** Server CPU per opened connection, in µs. */
  cpuUsPerConnect?: number;
  /** Protocol heartbeats each idle client received in the window (shows heartbeats ran). */
  heartbeatsPerConn?: number;
  /** Connections open during the idle measurement. */
  idleConnections?: number;
  /** Connections the server dropped during the run. */
  dropped?: number;
  /** `error` frames received. */
  errors?: number;
}

export type MetricKey = keyof Metrics;
