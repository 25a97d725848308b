/**
 * Progress on stderr while a run goes on: one status line a second (overwritten on a terminal), plus notes.
 */
export class Progress {
  private readonly started = performance.now();
  private timer?: NodeJS.Timeout;
  private readonly tty = process.stderr.isTTY === true;

  /** Shows `status()` every `everyMs` until the returned function is called. */
  watch(status: () => string, everyMs = 1000): () => void {
    this.stopWatch();
    this.timer = setInterval(() => this.print(status()), everyMs);
    return () => this.stopWatch();
  }

  note(line: string): void {
    if (this.tty) process.stderr.write('\r\x1b[K');
    process.stderr.write(`[bench ${this.elapsed()}] ${line}\n`);
  }

  private print(status: string): void {
    const line = `[bench ${this.elapsed()}] ${status}`;
    process.stderr.write(this.tty ? `\r\x1b[K${line}` : `${line}\n`);
  }

  private stopWatch(): void {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.tty) process.stderr.write('\r\x1b[K');
  }

  private elapsed(): string {
    return `${((performance.now() - this.started) / 1000).toFixed(1)}s`;
  }
}
