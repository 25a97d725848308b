import type { BenchClient } from '../clients/bench-client';
import { stampNow } from './timestamp';

export interface Sender {
  client: BenchClient;
  room: string;
  /** Members who should receive each of its moves (room size - 1). */
  fanout: number;
}

const TICK_MS = 2;

/**
 * Sends moves at a fixed aggregate rate, round-robin over the senders (so with every client a sender, each
 * moves at rate / senders Hz). Each tick sends what is due since the start, so timer lag does not lower the rate.
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
      sender.client.move(sender.room, stampNow(), 0);
      this.sent++;
      this.expected += sender.fanout;
    }
  }
}
