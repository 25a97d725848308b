/**
 * Send times of pings travel in their `t` (bounded to ±1e6 by the protocol): `performance.now()` modulo 1e6 ms,
 * fractional. The generator sends and receives in one process, so one clock measures the round trip. (Moves must
 * name board cells, so their send times stay in the generator: `stamp-table.ts`.)
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
