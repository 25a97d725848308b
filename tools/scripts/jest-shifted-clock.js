// Jest setup file: when PULSE_TEST_CLOCK names an instant (ISO 8601), the wall clock of every test reads that
// instant when the test file starts and then runs on at its real pace. Timers, monotonic clocks and the time
// zone (TZ) are untouched. The clock-independence check runs the suite's time-sensitive parts this way, so a
// test that only passes at some hours of the day fails on every machine.
const target = process.env.PULSE_TEST_CLOCK;
if (target) {
  const targetMs = Date.parse(target);
  if (Number.isNaN(targetMs)) throw new Error(`PULSE_TEST_CLOCK is not an ISO 8601 instant: ${target}`);
  const RealDate = Date;
  const offsetMs = targetMs - RealDate.now();
  const now = () => RealDate.now() + offsetMs;
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(now());
      else super(...args);
    }
    static now() {
      return now();
    }
  }
  // Date() called without new returns the current time as a string.
  const ShiftedDateFunction = new Proxy(ShiftedDate, {
    apply: () => new ShiftedDate().toString(),
  });
  globalThis.Date = ShiftedDateFunction;
}
