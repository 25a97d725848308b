import type { DestinationStream } from 'pino';

/** One log line as pino writes it. */
export interface LogEntry {
  readonly level: string;
  readonly time: string;
  readonly msg?: string;
  readonly [field: string]: unknown;
}

/** A log destination that keeps what the app writes, for tests that read its logs (`createApp`'s `logDestination`). */
export class LogCapture implements DestinationStream {
  private readonly chunks: string[] = [];

  write(chunk: string): void {
    this.chunks.push(chunk);
  }

  /** Everything written, as written. */
  text(): string {
    return this.chunks.join('');
  }

  /** Every line, parsed; throws on a line that is not JSON. */
  entries(): LogEntry[] {
    return this.text()
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as LogEntry);
  }

  /** The lines whose message is `msg`. */
  withMessage(msg: string): LogEntry[] {
    return this.entries().filter((entry) => entry.msg === msg);
  }
}
