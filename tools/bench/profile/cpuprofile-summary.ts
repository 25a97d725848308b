import { basename, relative } from 'node:path';
import { WORKSPACE_ROOT } from '../servers/workspace-paths';

type CallFrame = { functionName: string; url: string };

/** The parts of a V8 `.cpuprofile` this summary reads. */
export interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTimeRow {
  name: string;
  where: string;
  samples: number;
  /** Share of all samples in the span. */
  pct: number;
  /** Share of the samples that were not `(idle)`. */
  busyPct: number;
  /** Its most frequent callers (three frames up), and the share of its samples they account for. */
  via: string;
  viaPct: number;
}

export interface SelfTimeSummary {
  samples: number;
  idleSamples: number;
  rows: SelfTimeRow[];
}

const CALLER_DEPTH = 3;

/** Self samples of one owner of code: an npm package, a workspace project, Node itself, or V8. */
export interface OwnerRow {
  owner: string;
  samples: number;
  /** Share of the samples that were not `(idle)`. */
  busyPct: number;
}

function shortUrl(url: string): string {
  if (url === '') return '';
  const path = url.startsWith('file://') ? new URL(url).pathname : url;
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) return path.slice(modules + '/node_modules/'.length);
  return path.startsWith('/') ? relative(WORKSPACE_ROOT, path) : path;
}

function frameName(frame: CallFrame | undefined): string {
  return frame?.functionName || '(anonymous)';
}

interface Tally {
  name: string;
  where: string;
  samples: number;
  callers: Map<string, number>;
}

/**
 * Self samples per function (name + script), optionally only for samples taken inside `window`
 * (CLOCK_MONOTONIC µs, the clock V8 stamps samples with on Linux), with each function's usual callers.
 */
export function selfTime(profile: CpuProfile, window?: { start: number; end: number }): SelfTimeSummary {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const callersOf = (id: number): string => {
    const chain: string[] = [];
    for (
      let parent = parents.get(id);
      parent !== undefined && chain.length < CALLER_DEPTH;
      parent = parents.get(parent)
    ) {
      const frame = frames.get(parent);
      chain.push(`${frameName(frame)}${frame?.url ? ` (${basename(frame.url)})` : ''}`);
    }
    return chain.join(' < ');
  };

  const tallies = new Map<string, Tally>();
  let time = profile.startTime;
  let samples = 0;
  let idleSamples = 0;
  profile.samples.forEach((nodeId, index) => {
    time += profile.timeDeltas[index] ?? 0;
    if (window && (time < window.start || time > window.end)) return;
    const frame = frames.get(nodeId);
    const name = frameName(frame);
    const where = shortUrl(frame?.url ?? '');
    samples++;
    if (name === '(idle)') idleSamples++;
    const key = `${name}\u0000${where}`;
    let tally = tallies.get(key);
    if (!tally) tallies.set(key, (tally = { name, where, samples: 0, callers: new Map() }));
    tally.samples++;
    const callers = callersOf(nodeId);
    tally.callers.set(callers, (tally.callers.get(callers) ?? 0) + 1);
  });

  const busy = samples - idleSamples;
  const rows = [...tallies.values()]
    .sort((a, b) => b.samples - a.samples)
    .map((tally): SelfTimeRow => {
      const [via, viaSamples] = [...tally.callers].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
      return {
        name: tally.name,
        where: tally.where,
        samples: tally.samples,
        pct: (tally.samples / samples) * 100,
        busyPct: tally.name === '(idle)' ? Number.NaN : (tally.samples / busy) * 100,
        via,
        viaPct: (viaSamples / tally.samples) * 100,
      };
    });
  return { samples, idleSamples, rows };
}

const V8_FRAMES = new Set(['(garbage collector)', '(program)']);

/**
 * Who owns a frame's code: the npm package (`express`, `@nestjs/core`), the workspace project (`libs/auth`,
 * `apps/api`), Node (`node:http`, `node:net`, `node:internal/streams`), or native code (syscalls, crypto, V8 builtins).
 */
function ownerOf(frame: CallFrame | undefined): string {
  const name = frameName(frame);
  if (V8_FRAMES.has(name)) return `V8 ${name}`;
  const url = frame?.url ?? '';
  if (url === '') return '(native)';
  if (url.startsWith('node:')) {
    const module = url.slice('node:'.length);
    // node:internal/streams/readable -> node:internal/streams, node:internal/crypto/hash -> node:internal/crypto
    if (module.startsWith('internal/')) return `node:${module.split('/').slice(0, 2).join('/')}`;
    return `node:${module.replace(/^_/, '').replace(/_.*$/, '')}`;
  }
  const path = url.startsWith('file://') ? new URL(url).pathname : url;
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [scope, pkg] = path.slice(modules + '/node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${pkg}` : scope;
  }
  // The last match: the built API lives under dist/apps/api/{apps,libs}/...
  const project = [...path.matchAll(/\/(apps|libs|tools)\/([^/]+)(?=\/)/g)].pop();
  return project ? `${project[1]}/${project[2]}` : shortUrl(url);
}

/** Self samples per owner of code (see `ownerOf`), busiest first; `(idle)` is left out. */
export function selfTimeByOwner(profile: CpuProfile, window?: { start: number; end: number }): OwnerRow[] {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const tallies = new Map<string, number>();
  let time = profile.startTime;
  let busy = 0;
  profile.samples.forEach((nodeId, index) => {
    time += profile.timeDeltas[index] ?? 0;
    if (window && (time < window.start || time > window.end)) return;
    const frame = frames.get(nodeId);
    if (frameName(frame) === '(idle)') return;
    busy++;
    const owner = ownerOf(frame);
    tallies.set(owner, (tallies.get(owner) ?? 0) + 1);
  });
  return [...tallies]
    .sort((a, b) => b[1] - a[1])
    .map(([owner, samples]) => ({ owner, samples, busyPct: (samples / busy) * 100 }));
}
