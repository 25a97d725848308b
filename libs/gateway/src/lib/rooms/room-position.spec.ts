import { deliveryOf, OutageEpochs } from './room-position';

describe('deliveryOf', () => {
  it("sends the next events of the member's epoch and skips what it already has", () => {
    expect(deliveryOf({ epoch: 'e1', seq: 202 }, { seq: 203, epoch: 'e1' })).toBe('send');
    expect(deliveryOf({ epoch: 'e1', seq: 202 }, { seq: 202, epoch: 'e1' })).toBe('skip');
    expect(deliveryOf({ epoch: 'e1', seq: 202 }, { seq: 150, epoch: 'e1' })).toBe('skip');
  });

  it('asks for a resync before any event of another epoch, whether its seq is lower or higher', () => {
    expect(deliveryOf({ epoch: 'e1', seq: 202 }, { seq: 4, epoch: 'e2' })).toBe('resync');
    expect(deliveryOf({ epoch: 'local-1', seq: 260 }, { seq: 261, epoch: 'e1' })).toBe('resync');
  });

  it('always sends unsequenced signals, and filters by seq alone where there is no epoch to compare', () => {
    expect(deliveryOf({ epoch: 'e1', seq: 9 }, { seq: 0 })).toBe('send');
    expect(deliveryOf({ seq: 9 }, { seq: 4, epoch: 'e2' })).toBe('skip');
    expect(deliveryOf({ epoch: 'e1', seq: 9 }, { seq: 10 })).toBe('send');
  });
});

describe('OutageEpochs', () => {
  it('gives each room one epoch per outage and new ones after the outage ends', () => {
    let next = 0;
    const epochs = new OutageEpochs(() => `local-${++next}`);
    expect(epochs.of('r1')).toBe('local-1');
    expect(epochs.of('r1')).toBe('local-1');
    expect(epochs.of('r2')).toBe('local-2');
    epochs.end();
    expect(epochs.of('r1')).toBe('local-3');
  });

  it('makes epochs that differ from each other by default', () => {
    const a = new OutageEpochs().of('r');
    const b = new OutageEpochs().of('r');
    expect(a).toMatch(/^local-/);
    expect(a).not.toBe(b);
  });
});
