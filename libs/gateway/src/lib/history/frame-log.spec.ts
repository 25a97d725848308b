import { FrameLog } from './frame-log';

function contents(log: FrameLog): Array<[number, number, string]> {
  const seen: Array<[number, number, string]> = [];
  log.forEach((seq, at, frame) => seen.push([seq, at, frame()]));
  return seen;
}

describe('FrameLog', () => {
  it('gives back every frame with its seq and time, oldest first', () => {
    const log = new FrameLog(10);
    log.append(1, 100, '{"type":"moved","x":1}');
    log.append(2, 200, '{"type":"chat","text":"héllo ✓ 👋"}');
    expect(contents(log)).toEqual([
      [1, 100, '{"type":"moved","x":1}'],
      [2, 200, '{"type":"chat","text":"héllo ✓ 👋"}'],
    ]);
    expect(log.count).toBe(2);
  });

  it('keeps exactly the newest maxEvents across many growing chunks', () => {
    const log = new FrameLog(1000);
    for (let seq = 1; seq <= 5000; seq++)
      log.append(seq, seq * 10, `{"seq":${seq},"pad":"${'x'.repeat(seq % 97)}"}`);
    const seen = contents(log);
    expect(log.count).toBe(1000);
    expect(seen).toHaveLength(1000);
    expect(seen[0]).toEqual([4001, 40010, `{"seq":4001,"pad":"${'x'.repeat(4001 % 97)}"}`]);
    expect(seen[999][0]).toBe(5000);
    expect(seen.every(([seq], index) => seq === 4001 + index)).toBe(true);
  });

  it('takes a frame larger than any chunk', () => {
    const log = new FrameLog(3);
    const big = JSON.stringify({ text: 'y'.repeat(200_000) });
    log.append(1, 1, 'a');
    log.append(2, 2, big);
    log.append(3, 3, 'b');
    expect(contents(log).map(([, , frame]) => frame)).toEqual(['a', big, 'b']);
  });

  it('with maxEvents 1 keeps only the last frame', () => {
    const log = new FrameLog(1);
    for (let seq = 1; seq <= 20; seq++) log.append(seq, seq, `f${seq}`);
    expect(contents(log)).toEqual([[20, 20, 'f20']]);
  });
});
