/** The shifted clock of tools/scripts/jest-shifted-clock.js, seen from a test: on when asked, absent when not. */
describe('the wall clock a test sees', () => {
  const target = process.env['PULSE_TEST_CLOCK'];

  if (target) {
    it('reads PULSE_TEST_CLOCK when the file starts, then runs on', () => {
      const skewMs = Date.now() - Date.parse(target);
      expect(skewMs).toBeGreaterThanOrEqual(0);
      expect(skewMs).toBeLessThan(10 * 60_000);
      expect(Math.abs(new Date().getTime() - Date.now())).toBeLessThan(1000);
      expect(typeof Date()).toBe('string');
      expect(new Date(0).toISOString()).toBe('1970-01-01T00:00:00.000Z');
    });
  } else {
    it('is the real clock', () => {
      const realNowMs = performance.timeOrigin + performance.now();
      expect(Math.abs(Date.now() - realNowMs)).toBeLessThan(60_000);
    });
  }

  it('runs in the time zone TZ names', () => {
    const zone = process.env['TZ'];
    const instant = new Date(Date.UTC(2026, 5, 1, 13, 0));
    const inZone = zone
      ? new Intl.DateTimeFormat('en-US', {
          timeZone: zone,
          hour: 'numeric',
          minute: 'numeric',
          hourCycle: 'h23',
        }).format(instant)
      : null;
    const local = `${instant.getHours()}:${String(instant.getMinutes()).padStart(2, '0')}`;
    if (inZone) expect(local).toBe(inZone);
    else expect(Number.isInteger(instant.getTimezoneOffset())).toBe(true);
  });
});
