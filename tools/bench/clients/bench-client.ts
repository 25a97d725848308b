/** One simulated client, whatever server it talks to. */
export interface BenchClient {
  /** Joins a room and resolves once the server has confirmed it (Pulse: `snapshot`). */
  join(room: string): Promise<void>;
  /** Sends a move to board cell (x, y); its send time stays in the generator (`load/stamp-table.ts`). */
  move(room: string, x: number, y: number): void;
  /** Sends an app-level ping carrying `t`; the answer goes to `ClientSink.pong`. */
  ping(t: number): void;
  /** Drops the connection at once (no close handshake). */
  close(): void;
}

/** Where every client of a run reports what it receives; one sink is shared by all of them. */
export interface ClientSink {
  /** A `move` from another member: its sender's id and its cell, which name its send time (`load/stamp-table.ts`). */
  move(player: string, x: number, y: number): void;
  /** The answer to `ping`. */
  pong(t: number): void;
  /** A protocol-level heartbeat (ws ping, Engine.IO ping) arrived. */
  heartbeat(): void;
  /** Any other frame (snapshot, presence, ack...). */
  other(): void;
  /** An `error` frame from the server. */
  error(code: string): void;
  /** The payload bytes of a frame that arrived (clients that can see them: the native WebSocket ones). */
  bytes?(count: number): void;
  /** The connection went away without the client closing it. */
  dropped(): void;
}
