import type { BenchClient } from '../clients/bench-client';
import { cellX, cellY, type StampTable } from './stamp-table';

export interface Sender {
  client: BenchClient;
  room: string;
  /** Its user id: the `player` its relayed moves carry. */
  player: string;
  /** Members who should receive each of its moves (room size - 1). */
  fanout: number;
}

const TICK_MS = 2;

/**
 * Sends moves at a fixed aggregate rate, round-robin over the senders (so each moves at rate / senders Hz). Each
 * tick sends what is due since the start, so timer lag does not lower the rate. Each move names the next board cell
 * of its sender, whose send time `stamps` keeps for the receivers (see `stamp-table.ts`).
 */
export class SendLoop {
  sent = 0;
  /** Deliveries the sends so far should cause. */
  expected = 0;
  private next = 0;
  private startedAt = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly senders: readonly Sender[],
    private readonly ratePerS: number,
    private readonly stamps: StampTable,
  ) {}

  start(): void {
    this.startedAt = performance.now();
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private tick(): void {
    const due = Math.floor(((performance.now() - this.startedAt) / 1000) * this.ratePerS) - this.sent;
    for (let i = 0; i < due; i++) {
      const sender = this.senders[this.next];
      this.next = (this.next + 1) % this.senders.length;
      const cell = this.stamps.send(sender.player, sender.fanout, performance.now());
      sender.client.move(sender.room, cellX(cell), cellY(cell));
      this.sent++;
      this.expected += sender.fanout;
    }
  }
}
