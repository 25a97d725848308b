import type { ClientSink } from '../clients/bench-client';
import { LogHistogram } from '../metrics/log-histogram';
import { StampTable } from './stamp-table';
import { ageMs } from './timestamp';

/** Counts what all clients of a run receive, and the latencies while `recording` is on. */
export class LoadStats implements ClientSink {
  frames = 0;
  moves = 0;
  pongs = 0;
  heartbeats = 0;
  errors = 0;
  drops = 0;
  /** Payload bytes of every frame the native WebSocket clients received. */
  receivedBytes = 0;
  readonly errorCodes = new Map<string, number>();
  /** Record move latencies (the steady window) and ping round trips. */
  recording = false;
  readonly latency = new LogHistogram();
  readonly rtt = new LogHistogram();
  /** Send times of every move sent to this run's server (the send loops write, `move` reads). */
  readonly stamps = new StampTable();

  move(player: string, x: number, y: number): void {
    this.frames++;
    this.moves++;
    const latencyMs = this.stamps.receive(player, x, y, performance.now());
    if (this.recording && latencyMs >= 0) this.latency.record(latencyMs);
  }

  pong(t: number): void {
    this.frames++;
    this.pongs++;
    this.rtt.record(ageMs(t));
  }

  bytes(count: number): void {
    this.receivedBytes += count;
  }

  heartbeat(): void {
    this.heartbeats++;
  }

  other(): void {
    this.frames++;
  }

  error(code: string): void {
    this.frames++;
    this.errors++;
    this.errorCodes.set(code, (this.errorCodes.get(code) ?? 0) + 1);
  }

  dropped(): void {
    this.drops++;
  }

  describeErrors(): string {
    return [...this.errorCodes].map(([code, count]) => `${code} x${count}`).join(', ');
  }
}
