/** `12.5/s`, `0/s`, `1,200/s`: one decimal below 100. */
export function formatRate(perSecond: number): string {
  return `${perSecond < 100 ? Math.round(perSecond * 10) / 10 : Math.round(perSecond).toLocaleString('en')}/s`;
}

/** A duration in seconds as it reads best: `85 µs`, `1.2 ms`, `2.50 s`. */
export function formatSeconds(seconds: number): string {
  if (seconds < 0.001) return `${Math.round(seconds * 1e6)} µs`;
  if (seconds < 1) return `${Math.round(seconds * 1e4) / 10} ms`;
  return `${seconds.toFixed(2)} s`;
}

/** A whole count. */
export function formatCount(count: number): string {
  return Math.round(count).toLocaleString('en');
}
