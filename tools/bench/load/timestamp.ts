/**
 * Send times travel in a move's `x` (bounded to ±1e6 by the protocol): `performance.now()` modulo 1e6 ms,
 * fractional. The generator sends and receives in one process, so one clock measures end-to-end latency.
 */
const WRAP_MS = 1_000_000;

export function stampNow(): number {
  return performance.now() % WRAP_MS;
}

/** Milliseconds since `stamp` was taken (correct across one wrap, i.e. for ages under 16 minutes). */
export function ageMs(stamp: number): number {
  const age = (performance.now() % WRAP_MS) - stamp;
  return age >= 0 ? age : age + WRAP_MS;
}
