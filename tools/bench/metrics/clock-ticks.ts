import { execFileSync } from 'node:child_process';

let cached: number | undefined;

/** Clock ticks per second of `/proc/PID/stat` times, from `getconf CLK_TCK`. */
export function clockTicksPerSecond(): number {
  if (cached === undefined) {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    if (!Number.isInteger(value) || value <= 0) throw new Error(`getconf CLK_TCK gave "${value}"`);
    cached = value;
  }
  return cached;
}
