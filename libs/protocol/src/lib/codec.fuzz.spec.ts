import { decodeClientMessage } from './codec';

/** A small seeded PRNG (mulberry32) so a failure can be reproduced from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seeds = [
  '{"type":"join","room":"r1"}',
  '{"type":"leave","room":"r1","id":"a"}',
  '{"type":"move","room":"r1","x":10,"y":20,"id":"m1"}',
  '{"type":"ping","t":123}',
  '{"type":"join","room":"admin:lobby","id":"abc"}',
];
const alphabet = '{}[]":,.-+eE0123456789 \\/tfnulr\u0000\u00ff\ud83d\ude00abcxyz_typeroommovejoin';

function mutate(frame: string, random: () => number): string {
  const chars = [...frame];
  const edits = 1 + Math.floor(random() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * (chars.length + 1));
    const pick = alphabet[Math.floor(random() * alphabet.length)];
    const op = random();
    if (op < 0.33) chars.splice(at, 1);
    else if (op < 0.66) chars.splice(at, 0, pick);
    else chars[at] = pick;
  }
  return chars.join('');
}

function randomFrame(random: () => number): string {
  const length = Math.floor(random() * 80);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

function randomValue(random: () => number, depth: number): unknown {
  const kind = Math.floor(random() * (depth > 3 ? 5 : 7));
  switch (kind) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2:
      return (random() - 0.5) * 10 ** Math.floor(random() * 12);
    case 3:
      return ['join', 'move', 'leave', 'ping', 'r1', '', '__proto__'][Math.floor(random() * 7)];
    case 4:
      return 'x'.repeat(Math.floor(random() * 100));
    case 5:
      return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
    default: {
      const keys = ['type', 'room', 'x', 'y', 't', 'id', 'extra'];
      const obj: Record<string, unknown> = {};
      for (const key of keys) if (random() < 0.6) obj[key] = randomValue(random, depth + 1);
      return obj;
    }
  }
}

describe('decodeClientMessage under fuzzing', () => {
  it('answers each of 120,000 random and mutated frames without throwing', () => {
    const random = prng(0x5eed);
    let accepted = 0;
    let refused = 0;
    const malformed: string[] = [];
    const answerCodes = new Set<string>(['INVALID_MESSAGE', 'UNKNOWN_TYPE']);
    for (let i = 0; i < 120_000; i++) {
      const mode = i % 3;
      const frame =
        mode === 0
          ? mutate(seeds[i % seeds.length], random)
          : mode === 1
            ? randomFrame(random)
            : (JSON.stringify(randomValue(random, 0)) ?? 'undefined');
      const result = decodeClientMessage(frame);
      if (result.ok) {
        accepted++;
        if (typeof result.message.type !== 'string') malformed.push(frame);
      } else {
        refused++;
        if (!answerCodes.has(result.error.code) || result.error.message === '') malformed.push(frame);
      }
    }
    expect(malformed.slice(0, 5)).toEqual([]);
    expect(accepted + refused).toBe(120_000);
    expect(refused).toBeGreaterThan(0);
    expect(accepted).toBeGreaterThan(0);
  });
});
