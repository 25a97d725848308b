/**
 * Checks of the stamp table, on node's own test runner (tools/bench has no jest project):
 * node -r @swc-node/register --test tools/bench/load/stamp-table.test.ts
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BOARD_CELLS, cellReuseS, cellX, cellY, StampTable } from './stamp-table';

describe('StampTable', () => {
  it('walks every cell of the 32 x 24 board once, in order, then starts again', () => {
    const table = new StampTable();
    const cells = Array.from({ length: BOARD_CELLS + 1 }, (_, i) => table.send('a', 1, i + 1));
    assert.equal(BOARD_CELLS, 768);
    assert.deepEqual([cells[0], cells[31], cells[32], cells[767], cells[768]], [0, 31, 32, 767, 0]);
    assert.deepEqual([cellX(767), cellY(767), cellX(32), cellY(32)], [31, 23, 0, 1]);
    for (const cell of cells)
      assert.ok(Number.isInteger(cellX(cell)) && cellX(cell) < 32 && cellY(cell) < 24);
  });

  it("gives each delivery its own send's age, per sender, exactly", () => {
    const table = new StampTable();
    assert.equal(table.send('a', 2, 100.25), 0);
    assert.equal(table.send('b', 1, 101.5), 0);
    assert.equal(table.send('a', 2, 102), 1);
    assert.equal(table.receive('a', 1, 0, 110), 8);
    assert.equal(table.receive('b', 0, 0, 110), 8.5);
    assert.equal(table.receive('a', 0, 0, 111), 10.75);
    assert.equal(table.receive('a', 0, 0, 112), 11.75);
    assert.deepEqual(table.counts, { unknown: 0, stale: 0, ambiguous: 0, missingAtReuse: 0 });
  });

  it('counts, and gives no latency for, deliveries it cannot attribute', () => {
    const table = new StampTable();
    table.send('a', 1, 1);
    assert.equal(table.receive('nobody', 0, 0, 2), -1);
    assert.equal(table.receive('a', 5, 0, 2), -1); // never sent
    assert.equal(table.receive('a', 0.5, 0, 2), -1);
    assert.equal(table.receive('a', 0, 0, 2), 1);
    assert.equal(table.receive('a', 0, 0, 3), -1); // a second copy
    assert.deepEqual(table.counts, { unknown: 3, stale: 1, ambiguous: 0, missingAtReuse: 0 });
  });

  it('counts a delivery later than the reuse of its cell instead of timing it from the newer move', () => {
    const table = new StampTable();
    for (let i = 0; i < BOARD_CELLS; i++) table.send('a', 1, 1 + i);
    for (let i = 1; i < BOARD_CELLS; i++) table.receive('a', cellX(i), cellY(i), 1000);
    table.send('a', 1, 2000); // cell 0 again, its first move never delivered
    assert.equal(table.receive('a', 0, 0, 2001), -1); // the first move's, or the second's: not known
    assert.equal(table.receive('a', 0, 0, 2002), -1);
    assert.deepEqual(table.counts, { unknown: 0, stale: 1, ambiguous: 1, missingAtReuse: 1 });
    table.send('a', 1, 3000); // cell 1, cleanly delivered before
    assert.equal(table.receive('a', 1, 0, 3004), 4);
  });

  it('states how long a cell lasts at a per-sender rate', () => {
    assert.equal(cellReuseS(10), 76.8);
  });
});
