/**
 * Checks of `--compare-pulse` (a second Pulse build as `pulse-compare`), on node's own test runner:
 * node -r @swc-node/register --test tools/bench/cli/compare-pulse.test.ts
 */
import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { describe, it } from 'node:test';
import { setupSpec, SETUP_LABELS, withPulseCompare } from '../servers/server-setup';
import { PULSE_MAIN } from '../servers/workspace-paths';
import { parseBenchArgs } from './bench-args';

describe('--compare-pulse', () => {
  it('takes an existing main.js, as an absolute path; absent, there is none', () => {
    assert.equal(
      parseBenchArgs(['one-room-100', '--compare-pulse', __filename]).comparePulseMain,
      __filename,
    );
    assert.equal(
      parseBenchArgs(['one-room-100', '--compare-pulse', relative(process.cwd(), __filename)])
        .comparePulseMain,
      __filename,
    );
    assert.equal(parseBenchArgs(['one-room-100']).comparePulseMain, undefined);
  });

  it('refuses a path that does not exist, and --targets pulse-compare without a path', () => {
    assert.throws(
      () => parseBenchArgs(['one-room-100', '--compare-pulse', '/nonexistent/main.js']),
      /no such file/,
    );
    assert.throws(
      () => parseBenchArgs(['one-room-100', '--targets', 'pulse,pulse-compare']),
      /needs --compare-pulse/,
    );
    assert.deepEqual(
      parseBenchArgs(['game', '--targets', 'pulse-compare,ws', '--compare-pulse', PULSE_MAIN]).kinds,
      ['pulse-compare', 'ws'],
    );
  });

  it('is a Pulse set-up on one node in memory, like pulse, labelled Pulse (compare)', () => {
    assert.deepEqual(setupSpec('pulse-compare'), { ...setupSpec('pulse'), compare: true });
    assert.equal(setupSpec('pulse').compare, false);
    assert.equal(SETUP_LABELS['pulse-compare'], 'Pulse (compare)');
  });

  it("runs right after pulse in a scenario's own set-ups, once, and not in a scenario without pulse", () => {
    assert.deepEqual(withPulseCompare(['pulse', 'ws', 'socket.io', 'pulse-sio']), [
      'pulse',
      'pulse-compare',
      'ws',
      'socket.io',
      'pulse-sio',
    ]);
    assert.deepEqual(withPulseCompare(['pulse-compare', 'pulse', 'ws']), ['pulse-compare', 'pulse', 'ws']);
    assert.deepEqual(withPulseCompare(['pulse-batch30', 'ws']), ['pulse-batch30', 'ws']);
  });
});
