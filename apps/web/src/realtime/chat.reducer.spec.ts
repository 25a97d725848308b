import {
  chatEpochSeen,
  emptyChatLog,
  mergeChatLines,
  presenceLine,
  type ChatLine,
  type ChatLog,
} from './chat.reducer';

const line = (seq: number, text = `line ${seq}`): ChatLine => ({
  type: 'chat',
  room: 'r1',
  player: 'bob',
  name: 'Bob',
  text,
  at: 1_700_000_000_000 + seq,
  seq,
});

const texts = (log: ChatLog) => log.lines.map((l) => ('text' in l ? l.text : `${l.player} ${l.status}`));

describe('mergeChatLines', () => {
  it('keeps lines in seq order, each once, whether from history or live', () => {
    const live = mergeChatLines(emptyChatLog, [line(7), line(9)]);
    const withHistory = mergeChatLines(live, [line(3), line(7), line(8)]);
    expect(withHistory.lines.map((l) => l.seq)).toEqual([3, 7, 8, 9]);
    expect(mergeChatLines(withHistory, [line(9), line(9)])).toBe(withHistory);
  });

  it('keeps only the newest lines past the limit', () => {
    const log = mergeChatLines(
      emptyChatLog,
      [1, 2, 3, 4, 5].map((seq) => line(seq)),
      3,
    );
    expect(log.lines.map((l) => l.seq)).toEqual([3, 4, 5]);
  });
});

describe('presenceLine', () => {
  it('puts join and leave lines among the chat lines by seq, each once (a resume replays them)', () => {
    const joined = presenceLine({
      type: 'presence',
      room: 'r1',
      player: 'carol',
      status: 'online',
      name: 'Carol',
      x: 0,
      y: 0,
      seq: 4,
    });
    const left = presenceLine({ type: 'presence', room: 'r1', player: 'carol', status: 'offline', seq: 6 });
    if (!joined || !left) throw new Error('expected lines');
    const log = mergeChatLines(mergeChatLines(emptyChatLog, [line(3), line(5)]), [left, joined, left]);
    expect(texts(log)).toEqual(['line 3', 'carol joined', 'line 5', 'carol left']);
  });

  it('has no line for a presence event without a seq', () => {
    expect(
      presenceLine({ type: 'presence', room: 'r1', player: 'carol', status: 'offline' }),
    ).toBeUndefined();
  });
});

describe('chatEpochSeen', () => {
  it('keeps the era for the first epoch and for the same one again (a resume or a plain re-join)', () => {
    const first = chatEpochSeen(emptyChatLog, 'e1');
    expect(first).toEqual({ epoch: 'e1', era: 0, lines: [] });
    expect(chatEpochSeen(first, 'e1')).toBe(first);
    expect(chatEpochSeen(first, undefined)).toBe(first);
  });

  it('starts a new era when the history starts over, so seqs counted again from 1 are new lines after the old ones', () => {
    let log = chatEpochSeen(emptyChatLog, 'e1');
    log = mergeChatLines(log, [line(1, 'before'), line(2, 'the restart')]);
    log = chatEpochSeen(log, 'e2');
    log = mergeChatLines(log, [line(2, 'after'), line(1, 'it')]);
    expect(texts(log)).toEqual(['before', 'the restart', 'it', 'after']);
    expect(log.lines.map((l) => l.key)).toEqual(['0:1', '0:2', '1:1', '1:2']);
    expect(mergeChatLines(log, [line(2, 'after')])).toBe(log);
  });
});
