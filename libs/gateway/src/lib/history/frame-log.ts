/** Frames, seqs and times of one stretch of a room's events; chunks grow as the room gets busier. */
interface Chunk {
  readonly bytes: Buffer;
  /** Per event: seq, time, end offset of its frame in `bytes`. */
  readonly meta: Float64Array;
  events: number;
  used: number;
}

const FIRST_CHUNK_BYTES = 1024;
const MAX_CHUNK_BYTES = 64 * 1024;
const FIRST_CHUNK_EVENTS = 8;
const MAX_CHUNK_EVENTS = 512;

/**
 * A room's most recent `maxEvents` frames, oldest first, kept as bytes in chunks outside the JS heap: a busy
 * room's log is a handful of buffers rather than a string per event, so it adds nothing for the garbage
 * collector to mark or promote (with the default 1,000 events a room, a node with hundreds of busy rooms keeps
 * hundreds of thousands of frames). A quiet room costs one small chunk.
 */
export class FrameLog {
  private readonly chunks: Chunk[] = [];
  /** Events of `chunks[0]` already dropped. */
  private dropped = 0;
  private size = 0;

  constructor(private readonly maxEvents: number) {}

  get count(): number {
    return this.size;
  }

  append(seq: number, at: number, frame: string): void {
    const length = Buffer.byteLength(frame);
    let chunk = this.chunks[this.chunks.length - 1];
    if (!chunk || chunk.used + length > chunk.bytes.length || chunk.events * 3 === chunk.meta.length) {
      chunk = this.grow(chunk, length);
    }
    chunk.used += chunk.bytes.write(frame, chunk.used);
    const slot = chunk.events * 3;
    chunk.meta[slot] = seq;
    chunk.meta[slot + 1] = at;
    chunk.meta[slot + 2] = chunk.used;
    chunk.events++;
    this.size++;
    if (this.size > this.maxEvents) this.dropOldest();
  }

  /** Calls `visit` for each event, oldest first, with a getter that decodes its frame only when asked for. */
  forEach(visit: (seq: number, at: number, frame: () => string) => void): void {
    for (let c = 0; c < this.chunks.length; c++) {
      const chunk = this.chunks[c];
      for (let e = c === 0 ? this.dropped : 0; e < chunk.events; e++) {
        const slot = e * 3;
        const start = e === 0 ? 0 : chunk.meta[slot - 1];
        visit(chunk.meta[slot], chunk.meta[slot + 1], () =>
          chunk.bytes.toString('utf8', start, chunk.meta[slot + 2]),
        );
      }
    }
  }

  private grow(previous: Chunk | undefined, length: number): Chunk {
    const bytes = Math.max(
      length,
      Math.min(MAX_CHUNK_BYTES, previous ? previous.bytes.length * 2 : FIRST_CHUNK_BYTES),
    );
    const events = Math.min(MAX_CHUNK_EVENTS, previous ? (previous.meta.length / 3) * 2 : FIRST_CHUNK_EVENTS);
    const chunk: Chunk = {
      bytes: Buffer.allocUnsafeSlow(bytes),
      meta: new Float64Array(events * 3),
      events: 0,
      used: 0,
    };
    this.chunks.push(chunk);
    return chunk;
  }

  private dropOldest(): void {
    this.size--;
    this.dropped++;
    if (this.dropped === this.chunks[0].events) {
      this.chunks.shift();
      this.dropped = 0;
    }
  }
}
