import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { Socket } from 'node:net';

export interface RawFrame {
  readonly opcode: number;
  readonly payload: Buffer;
}

/**
 * A bare WebSocket client for floods: it writes pre-built frames in one go (as a hostile client would, with none
 * of a polite client's per-message cost in this process) and reads the server's frames as they come.
 */
export class RawWebSocket {
  readonly frames: RawFrame[] = [];
  readonly ended: Promise<void>;
  private buffered = Buffer.alloc(0);

  private constructor(
    readonly socket: Socket,
    head: Buffer,
  ) {
    this.ended = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    socket.on('error', () => undefined);
    if (head.length > 0) this.read(head);
  }

  static open(wsUrl: string): Promise<RawWebSocket> {
    const url = new URL(wsUrl.replace(/^ws/, 'http'));
    return new Promise((resolve, reject) => {
      const upgrade = request(url, {
        headers: {
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-version': '13',
          'sec-websocket-key': randomBytes(16).toString('base64'),
        },
      });
      upgrade.once('upgrade', (_response, socket, head) => resolve(new RawWebSocket(socket, head)));
      upgrade.once('response', (response) => reject(new Error(`upgrade answered ${response.statusCode}`)));
      upgrade.once('error', reject);
      upgrade.end();
    });
  }

  /** Client frames must be masked; a zero mask is a valid one, and keeps building them cheap. */
  static textFrames(texts: readonly string[]): Buffer {
    return Buffer.concat(
      texts.flatMap((text) => {
        const payload = Buffer.from(text);
        if (payload.length > 125) throw new RangeError('keep flood frames short');
        return [Buffer.from([0x81, 0x80 | payload.length, 0, 0, 0, 0]), payload];
      }),
    );
  }

  write(data: Buffer): void {
    this.socket.write(data);
  }

  /** The texts of the text frames received so far. */
  texts(): string[] {
    return this.frames.filter((frame) => frame.opcode === 1).map((frame) => frame.payload.toString());
  }

  /** The close code the server sent, if it did. */
  closeCode(): number | undefined {
    const close = this.frames.find((frame) => frame.opcode === 8);
    return close && close.payload.length >= 2 ? close.payload.readUInt16BE(0) : undefined;
  }

  private read(chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    for (;;) {
      if (this.buffered.length < 2) return;
      let length = this.buffered[1] & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffered.length < 4) return;
        length = this.buffered.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffered.length < 10) return;
        length = Number(this.buffered.readBigUInt64BE(2));
        offset = 10;
      }
      if (this.buffered.length < offset + length) return;
      this.frames.push({
        opcode: this.buffered[0] & 0x0f,
        payload: this.buffered.subarray(offset, offset + length),
      });
      this.buffered = this.buffered.subarray(offset + length);
    }
  }
}
