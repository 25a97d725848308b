/**
 * Micro-benchmark: TypeBox compiled check vs TypeBox interpreted check vs zod 4 for decoding the protocol's `move`
 * client message.
 *
 * Run: cd /work/main && node -r @swc-node/register tools/bench/validator/validator.bench.ts
 *
 * Candidates
 *   - typebox:      the server's checker, `compiledChecks` of libs/protocol (TypeCompiler.Compile of the real
 *                   MoveRequest schema), `.Check()`; on failure `.Errors(value).First()`, as codec.ts does.
 *   - typebox (interpreted): the browsers' checker, `interpretedChecks` of libs/protocol (Value.Check and
 *                   Value.Errors, no `new Function`, so it runs under a CSP without 'unsafe-eval').
 *   - zod:          an equivalent zod 4 schema, `.safeParse()`; on failure `error.issues[0]`.
 *   - zod (compile): the same zod schema through `z.compile(schema, { strict: true })`, an opt-in fast path that
 *                   this zod release ships. Reported separately so the plain zod numbers stay the baseline.
 *
 * Caveats (read before quoting numbers)
 *   - zod's safeParse returns a new output object (unknown keys stripped); TypeBox's Check only answers yes/no and
 *     the caller keeps the input object. That allocation is part of what zod costs, so it is measured.
 *   - Decode here is JSON.parse + validate only; the codec's extra work (object check, type dispatch, id
 *     extraction) is the same for either validator and is left out.
 *   - One process, one machine, warm JIT, a handful of fixed inputs: this is an indication, not a verdict.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { MoveRequest } from '../../../libs/protocol/src/lib/messages/game.messages';
import { compiledChecks } from '../../../libs/protocol/src/lib/validation/compiled-checks';
import { interpretedChecks } from '../../../libs/protocol/src/lib/validation/interpreted-checks';
import type { MessageCheck } from '../../../libs/protocol/src/lib/validation/message-check';

// ---------------------------------------------------------------------------------------------------------------
// Schemas

const tbMove = compiledChecks({ move: MoveRequest })['move'];
const tbValueMove = interpretedChecks({ move: MoveRequest })['move'];

const zMove = z.object({
  type: z.literal('move'),
  room: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9:_.-]+$/),
  x: z.number().min(-1_000_000).max(1_000_000),
  y: z.number().min(-1_000_000).max(1_000_000),
  id: z.string().min(1).max(64).optional(),
});

// strict: throw rather than silently fall back to the runtime parser, so "zod (compile)" really is compiled.
const zMoveCompiled = z.compile(zMove, { strict: true });

// ---------------------------------------------------------------------------------------------------------------
// Decoders: JSON.parse, validate, and on failure build a first-error message the way codec.ts does.

type Decoded = { ok: true; message: { x: number } } | { ok: false; error: string };

function typeboxDecode(check: MessageCheck, frame: string): Decoded {
  const value: unknown = JSON.parse(frame);
  if (check.Check(value)) return { ok: true, message: value as { x: number } };
  const first = check.Errors(value).First();
  if (!first) return { ok: false, error: 'invalid message' };
  const field = first.path === '' ? 'message' : `field "${first.path.slice(1)}"`;
  return { ok: false, error: `${field}: ${first.message.toLowerCase()}` };
}

function tbDecode(frame: string): Decoded {
  return typeboxDecode(tbMove, frame);
}

function tbValueDecode(frame: string): Decoded {
  return typeboxDecode(tbValueMove, frame);
}

function zodDecode(frame: string): Decoded {
  const r = zMove.safeParse(JSON.parse(frame));
  if (r.success) return { ok: true, message: r.data };
  const first = r.error.issues[0];
  const field = first.path.length === 0 ? 'message' : `field "${first.path.join('/')}"`;
  return { ok: false, error: `${field}: ${first.message.toLowerCase()}` };
}

function zodCompiledDecode(frame: string): Decoded {
  const r = zMoveCompiled.safeParse(JSON.parse(frame));
  if (r.success) return { ok: true, message: r.data };
  const first = r.error.issues[0];
  const field = first.path.length === 0 ? 'message' : `field "${first.path.join('/')}"`;
  return { ok: false, error: `${field}: ${first.message.toLowerCase()}` };
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs: a few distinct frames, rotated, so no single constant object is validated over and over.

const MASK = 15;
const validObjects: unknown[] = [];
for (let i = 0; i <= MASK; i++) {
  const o: Record<string, unknown> = {
    type: 'move',
    room: ['lobby', 'ticker:ACME', 'admin:lobby', 'room_42.b-c'][i % 4],
    x: (i * 37) % 32,
    y: i % 2 === 0 ? (i * 11) % 24 : -123.5 - i,
  };
  if (i % 2 === 0) o['id'] = `m-${i}`;
  validObjects.push(o);
}
const validFrames = validObjects.map((o) => JSON.stringify(o));
const invalidFrames = validObjects.map((o) =>
  JSON.stringify({ ...(o as object), x: String((o as { x: number }).x) }),
);

// ---------------------------------------------------------------------------------------------------------------
// Sanity: the schemas must agree before their speed means anything.

function sanityCheck(): void {
  const cases: unknown[] = [
    ...validObjects,
    ...invalidFrames.map((f) => JSON.parse(f)),
    { type: 'move', room: 'lobby', x: 1, y: 2 },
    { type: 'move', room: 'lobby', x: 1_000_000, y: -1_000_000, id: 'a'.repeat(64) },
    { type: 'move', room: 'lobby', x: 1, y: 2, extra: true },
    { type: 'move', room: 'lobby', x: 1_000_001, y: 2 },
    { type: 'move', room: 'lobby', x: 1, y: 2, id: '' },
    { type: 'move', room: 'lobby', x: 1, y: 2, id: 'a'.repeat(65) },
    { type: 'move', room: '', x: 1, y: 2 },
    { type: 'move', room: 'r'.repeat(65), x: 1, y: 2 },
    { type: 'move', room: 'bad room!', x: 1, y: 2 },
    { type: 'move', room: 'lobby', x: 1 },
    { type: 'move', room: 'lobby', x: Number.NaN, y: 2 },
    { type: 'join', room: 'lobby', x: 1, y: 2 },
    { room: 'lobby', x: 1, y: 2 },
    null,
    [],
    'move',
  ];
  for (const c of cases) {
    const tb = tbMove.Check(c);
    if (tbValueMove.Check(c) !== tb)
      throw new Error(`typebox compiled and interpreted disagree on ${JSON.stringify(c)}`);
    const zd = zMove.safeParse(c).success;
    const zc = zMoveCompiled.safeParse(c).success;
    if (tb !== zd || tb !== zc) {
      throw new Error(`schemas disagree on ${JSON.stringify(c)}: typebox=${tb} zod=${zd} zod(compile)=${zc}`);
    }
  }
  const a = tbDecode(invalidFrames[0]);
  const av = tbValueDecode(invalidFrames[0]);
  if (av.ok || a.ok || av.error !== a.error)
    throw new Error('typebox compiled and interpreted report different errors');
  const b = zodDecode(invalidFrames[0]);
  const c = zodCompiledDecode(invalidFrames[0]);
  if (a.ok || b.ok || c.ok) throw new Error('invalid frame was accepted');
  console.log(`First-error messages for an invalid frame (x is a string):`);
  console.log(`  typebox:       ${a.error}`);
  console.log(`  zod:           ${b.error}`);
  console.log(`  zod (compile): ${c.error}\n`);
}

// ---------------------------------------------------------------------------------------------------------------
// Timed loops. One hand-written loop per candidate and scenario, so each call site stays monomorphic and no
// candidate pays for a shared, megamorphic harness. Every loop folds its results into `acc`, which is returned
// and summed into `sink` (printed at the end), so the work cannot be eliminated.

let sink = 0;

const loops = {
  validate: {
    typebox(n: number): number {
      let acc = 0;
      for (let i = 0; i < n; i++) if (tbMove.Check(validObjects[i & MASK])) acc++;
      return acc;
    },
    typeboxValue(n: number): number {
      let acc = 0;
      for (let i = 0; i < n; i++) if (tbValueMove.Check(validObjects[i & MASK])) acc++;
      return acc;
    },
    zod(n: number): number {
      let acc = 0;
      for (let i = 0; i < n; i++) if (zMove.safeParse(validObjects[i & MASK]).success) acc++;
      return acc;
    },
    zodCompiled(n: number): number {
      let acc = 0;
      for (let i = 0; i < n; i++) if (zMoveCompiled.safeParse(validObjects[i & MASK]).success) acc++;
      return acc;
    },
  },
  decodeValid: {
    typebox(n: number): number {
      let acc = 0;
      for (let i = 0; i < n; i++) {
        const r = tbDecode(validFrames[i & MASK]);
        acc += r.ok ? r.message.x : -1;
      }
      return acc;
    },
    typeboxValue(n: number): number {
      let acc = 0;
      for (let i = 0; i < n; i++) {
        const r = tbValueDecode(validFrames[i & MASK]);
        acc += r.ok ? r.message.x : -1;
      }
      return acc;
    },
    zod(n: number): number {
      let acc = 0;
      for (let i = 0; i < n; i++) {
        const r = zodDecode(validFrames[i & MASK]);
        acc += r.ok ? r.message.x : -1;
      }
      return acc;
    },
    zodCompiled(n: number): number {
      let acc = 0;
      for (let i = 0; i < n; i++) {
        const r = zodCompiledDecode(validFrames[i & MASK]);
        acc += r.ok ? r.message.x : -1;
      }
      return acc;
    },
  },
  decodeInvalid: {
    typebox(n: number): number {
      let acc = 0;
      for (let i = 0; i < n; i++) {
        const r = tbDecode(invalidFrames[i & MASK]);
        acc += r.ok ? -1 : r.error.length;
      }
      return acc;
    },
    typeboxValue(n: number): number {
      let acc = 0;
      for (let i = 0; i < n; i++) {
        const r = tbValueDecode(invalidFrames[i & MASK]);
        acc += r.ok ? -1 : r.error.length;
      }
      return acc;
    },
    zod(n: number): number {
      let acc = 0;
      for (let i = 0; i < n; i++) {
        const r = zodDecode(invalidFrames[i & MASK]);
        acc += r.ok ? -1 : r.error.length;
      }
      return acc;
    },
    zodCompiled(n: number): number {
      let acc = 0;
      for (let i = 0; i < n; i++) {
        const r = zodCompiledDecode(invalidFrames[i & MASK]);
        acc += r.ok ? -1 : r.error.length;
      }
      return acc;
    },
  },
};

function jsonParseOnly(n: number): number {
  let acc = 0;
  for (let i = 0; i < n; i++) acc += (JSON.parse(validFrames[i & MASK]) as { x: number }).x;
  return acc;
}

type Candidate = 'typebox' | 'typeboxValue' | 'zod' | 'zodCompiled';
const CANDIDATES: Candidate[] = ['typebox', 'typeboxValue', 'zod', 'zodCompiled'];
const LABEL: Record<Candidate, string> = {
  typebox: 'typebox',
  typeboxValue: 'typebox (interpreted)',
  zod: 'zod',
  zodCompiled: 'zod (compile)',
};

/** `--smoke`: one round of a thousandth of the work, to check that the script runs; its numbers mean nothing. */
const SMOKE = process.argv.includes('--smoke');
const ROUNDS = SMOKE ? 1 : 5;
const WORK_DIVISOR = SMOKE ? 1000 : 1;
const SCENARIOS = [
  { key: 'validate', title: '(a) validate parsed valid object', iterations: 1_000_000, warmup: 200_000 },
  {
    key: 'decodeValid',
    title: '(b) JSON.parse + validate, valid frame',
    iterations: 300_000,
    warmup: 100_000,
  },
  {
    key: 'decodeInvalid',
    title: '(c) JSON.parse + validate + first error, invalid frame',
    iterations: 100_000,
    warmup: 30_000,
  },
] as const;

function time(fn: (n: number) => number, n: number): number {
  const start = process.hrtime.bigint();
  sink += fn(n);
  const elapsed = process.hrtime.bigint() - start;
  return Number(elapsed) / n;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function version(pkg: string): string {
  const file = join(process.cwd(), 'node_modules', pkg, 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

function fmt(ns: number): string {
  return ns >= 100 ? ns.toFixed(0) : ns.toFixed(1);
}

function main(): void {
  const started = Date.now();
  sanityCheck();

  const results: {
    title: string;
    ns: Record<Candidate, number>;
    ratio: { typeboxValue: number; zod: number; zodCompiled: number };
    spread: number;
  }[] = [];
  const parseSamples: number[] = [];
  for (const s of SCENARIOS) {
    const fns = loops[s.key];
    const iterations = s.iterations / WORK_DIVISOR;
    const warmup = s.warmup / WORK_DIVISOR;
    for (const c of CANDIDATES) sink += fns[c](warmup);
    const samples: Record<Candidate, number[]> = { typebox: [], typeboxValue: [], zod: [], zodCompiled: [] };
    // In (b), JSON.parse alone runs in the same rounds, as a floor for the decode numbers.
    const withParse = s.key === 'decodeValid';
    if (withParse) sink += jsonParseOnly(warmup);
    for (let r = 0; r < ROUNDS; r++) {
      // Interleave candidates and rotate who goes first, so drift (thermal, GC) does not favour one of them.
      for (let k = 0; k < CANDIDATES.length; k++) {
        const c = CANDIDATES[(r + k) % CANDIDATES.length];
        samples[c].push(time(fns[c], iterations));
      }
      if (withParse) parseSamples.push(time(jsonParseOnly, iterations));
    }
    if (process.env['BENCH_VERBOSE']) {
      for (const c of CANDIDATES) console.log(`${s.key} ${LABEL[c]}: ${samples[c].map(fmt).join(' ')} ns/op`);
    }
    const spread = Math.max(
      ...CANDIDATES.map((c) => (Math.max(...samples[c]) - Math.min(...samples[c])) / median(samples[c])),
    );
    results.push({
      title: `${s.title} ×${iterations / 1000}k`,
      ns: {
        typebox: median(samples.typebox),
        typeboxValue: median(samples.typeboxValue),
        zod: median(samples.zod),
        zodCompiled: median(samples.zodCompiled),
      },
      // Ratios are the median of per-round ratios: candidates run back to back within a round, so a machine that
      // speeds up or slows down between rounds moves both sides of each ratio together.
      ratio: {
        typeboxValue: median(samples.typeboxValue.map((v, i) => v / samples.typebox[i])),
        zod: median(samples.zod.map((v, i) => v / samples.typebox[i])),
        zodCompiled: median(samples.zodCompiled.map((v, i) => v / samples.typebox[i])),
      },
      spread,
    });
  }

  console.log(
    `Node ${process.version} (${process.platform}/${process.arch}) · @sinclair/typebox ${version('@sinclair/typebox')} · zod ${version('zod')}`,
  );
  console.log(
    `Median of ${ROUNDS} interleaved rounds, ns/op (lower is better); ratios = median of per-round ratios\n`,
  );
  console.log(
    `| scenario | ${CANDIDATES.map((c) => LABEL[c]).join(' | ')} | interpreted / typebox | zod / typebox | zod (compile) / typebox | spread |`,
  );
  console.log(`|---|---:|---:|---:|---:|---:|---:|---:|---:|`);
  for (const r of results) {
    const { typebox, typeboxValue, zod, zodCompiled } = r.ns;
    console.log(
      `| ${r.title} | ${fmt(typebox)} | ${fmt(typeboxValue)} | ${fmt(zod)} | ${fmt(zodCompiled)} | ${r.ratio.typeboxValue.toFixed(1)}× | ${r.ratio.zod.toFixed(1)}× | ${r.ratio.zodCompiled.toFixed(1)}× | ${(r.spread * 100).toFixed(0)}% |`,
    );
  }
  console.log(
    `\nspread: worst (max - min) / median over the ${ROUNDS} rounds of any candidate; a large value means a noisy run.`,
  );
  console.log(
    `JSON.parse alone of a valid frame, timed in the same rounds as (b): ${fmt(median(parseSamples))} ns/op`,
  );
  console.log(`(checksum ${sink}; total ${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

main();
