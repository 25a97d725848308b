import { mergeChatLines, type ChatLine } from './chat.reducer';

const line = (seq: number, text = `line ${seq}`): ChatLine => ({
  type: 'chat', room: 'r1', player: 'bob', name: 'Bob', text, at: 1_700_000_000_000 + seq, seq,
});

describe('mergeChatLines', () => {
  it('keeps lines in seq order, each once, whether from history or live', () => {
    const live = mergeChatLines([], [line(7), line(9)]);
    const withHistory = mergeChatLines(live, [line(3), line(7), line(8)]);
    expect(withHistory.map((l) => l.seq)).toEqual([3, 7, 8, 9]);
    expect(mergeChatLines(withHistory, [line(9), line(9)])).toBe(withHistory);
  });

  it('keeps only the newest lines past the limit', () => {
    const lines = mergeChatLines([], [1, 2, 3, 4, 5].map((seq) => line(seq)), 3);
    expect(lines.map((l) => l.seq)).toEqual([3, 4, 5]);
  });
});
