import { consoleHistoryReducer, nodeSummaries, roomTotals, type ConsoleHistory } from './console-history';
import { sampleOf } from './console-sample.fixture';

describe('consoleHistoryReducer', () => {
  it("keeps each node's newest samples, oldest first, up to the limit", () => {
    let history: ConsoleHistory = {};
    for (const at of [1000, 2000, 3000]) history = consoleHistoryReducer(history, sampleOf('a', at), 2);
    history = consoleHistoryReducer(history, sampleOf('b', 2500), 2);
    expect(history['a']?.map((s) => s.at)).toEqual([2000, 3000]);
    expect(history['b']?.map((s) => s.at)).toEqual([2500]);
  });

  it('ignores a sample not newer than the last of its node (the copy sent on watch, then from the room)', () => {
    const history = consoleHistoryReducer({}, sampleOf('a', 2000));
    expect(consoleHistoryReducer(history, sampleOf('a', 2000))).toBe(history);
    expect(consoleHistoryReducer(history, sampleOf('a', 1000))).toBe(history);
  });
});

describe('nodeSummaries and roomTotals', () => {
  const history: ConsoleHistory = {
    b: [
      sampleOf('b', 10_000, {
        rooms: [
          { name: 'lobby', members: 2 },
          { name: 'r2', members: 1 },
        ],
      }),
    ],
    a: [sampleOf('a', 4_000, { rooms: [{ name: 'gone', members: 9 }] })],
    c: [sampleOf('c', 9_500, { rooms: [{ name: 'lobby', members: 3 }] })],
  };

  it('lists every node by id with its latest sample, silent after three intervals without one', () => {
    expect(nodeSummaries(history, 10_500).map(({ node, silent }) => [node, silent])).toEqual([
      ['a', true],
      ['b', false],
      ['c', false],
    ]);
  });

  it('adds up the members of each room across the nodes still reporting, busiest first', () => {
    expect(roomTotals(nodeSummaries(history, 10_500))).toEqual([
      { name: 'lobby', members: 5, nodes: 2 },
      { name: 'r2', members: 1, nodes: 1 },
    ]);
  });
});
