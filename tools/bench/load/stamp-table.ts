import { GAME_BOARD } from '@pulse/protocol';

/** Cells on the game's board (32 x 24 = 768): each sender walks them in order, one per move. */
export const BOARD_CELLS = GAME_BOARD.width * GAME_BOARD.height;

/** The board column of cell number `cell` (0 .. BOARD_CELLS - 1), row-major. */
export function cellX(cell: number): number {
  return cell % GAME_BOARD.width;
}

/** The board row of cell number `cell`. */
export function cellY(cell: number): number {
  return Math.floor(cell / GAME_BOARD.width);
}

/** The seconds before a sender moving at `perSenderHz` reuses a cell: deliveries later than this cannot be told apart. */
export function cellReuseS(perSenderHz: number): number {
  return BOARD_CELLS / perSenderHz;
}

/** One sender's last send time per cell, and how many deliveries of that send are still to come. */
interface SenderRing {
  /** Moves sent so far; the next names cell `sent % BOARD_CELLS`. */
  sent: number;
  readonly sentAt: Float64Array;
  readonly remaining: Int32Array;
  /** The cell was reused while deliveries of its previous send were still missing: its deliveries are ambiguous. */
  readonly tainted: Uint8Array;
}

/** What `StampTable` could not attribute, so far. */
export interface StampCounts {
  /** Deliveries from a player that is no sender, or for a cell it never sent or off the board. */
  unknown: number;
  /** Deliveries for a cell whose current send had already been delivered to every receiver (a late copy of an overwritten send, or a duplicate). */
  stale: number;
  /** Deliveries for a cell reused while its previous send was still being delivered: old or new, no latency recorded. */
  ambiguous: number;
  /** Deliveries still missing when their cell was reused (lost, or later than BOARD_CELLS moves of their sender). */
  missingAtReuse: number;
}

/**
 * Send times of moves, looked up by what a relayed move carries: (player, x, y). Moves must name whole cells of
 * the game's board, so a send time cannot travel in the move itself; instead each sender walks the board's cells in
 * order (a counter mod BOARD_CELLS) and the table keeps, per sender, the send time of each cell's latest move and
 * the deliveries it still expects. Unambiguous while every move is delivered before its sender reuses the cell;
 * anything else is counted (`counts`), never reported as a latency. Times are `performance.now()` of the one
 * process that sends and receives.
 */
export class StampTable {
  private readonly rings = new Map<string, SenderRing>();
  private readonly tally: StampCounts = { unknown: 0, stale: 0, ambiguous: 0, missingAtReuse: 0 };

  get counts(): Readonly<StampCounts> {
    return { ...this.tally };
  }

  /** Records a move `player` sends now, to be delivered `fanout` times; returns the cell it must name. */
  send(player: string, fanout: number, now: number): number {
    let ring = this.rings.get(player);
    if (!ring) {
      ring = {
        sent: 0,
        sentAt: new Float64Array(BOARD_CELLS),
        remaining: new Int32Array(BOARD_CELLS),
        tainted: new Uint8Array(BOARD_CELLS),
      };
      this.rings.set(player, ring);
    }
    const cell = ring.sent % BOARD_CELLS;
    ring.sent++;
    const missing = ring.remaining[cell];
    this.tally.missingAtReuse += missing;
    ring.tainted[cell] = missing > 0 ? 1 : 0;
    ring.sentAt[cell] = now;
    ring.remaining[cell] = fanout;
    return cell;
  }

  /** A move from `player` to (x, y) arrived now: the milliseconds since it was sent, or -1 when that cannot be known (counted). */
  receive(player: string, x: number, y: number, now: number): number {
    const ring = this.rings.get(player);
    if (
      !ring ||
      !Number.isInteger(x) ||
      !Number.isInteger(y) ||
      x < 0 ||
      x >= GAME_BOARD.width ||
      y < 0 ||
      y >= GAME_BOARD.height
    ) {
      this.tally.unknown++;
      return -1;
    }
    const cell = y * GAME_BOARD.width + x;
    if (cell >= ring.sent) {
      this.tally.unknown++;
      return -1;
    }
    if (ring.remaining[cell] === 0) {
      this.tally.stale++;
      return -1;
    }
    ring.remaining[cell]--;
    if (ring.tainted[cell] === 1) {
      this.tally.ambiguous++;
      return -1;
    }
    return now - ring.sentAt[cell];
  }
}
