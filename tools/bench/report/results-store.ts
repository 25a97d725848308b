import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIR } from '../servers/workspace-paths';

/** Writes `name-<timestamp>.json` and `latest-name.json` under tmp/bench; returns the timestamped path. */
export function saveResult(name: string, value: unknown): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const json = `${JSON.stringify(value, null, 2)}\n`;
  const path = join(RESULTS_DIR, `${name}-${stamp}.json`);
  writeFileSync(path, json);
  writeFileSync(join(RESULTS_DIR, `latest-${name}.json`), json);
  return path;
}

/** The latest saved result of that name, or undefined. Results are the bench's own files, trusted as written. */
export function loadLatest<T>(name: string): T | undefined {
  const path = join(RESULTS_DIR, `latest-${name}.json`);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined;
}

export function saveText(fileName: string, text: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, fileName);
  writeFileSync(path, text);
  return path;
}

/** The latest saved results whose names start with `prefix` (e.g. every `scenario-*`). */
export function loadAllLatest<T>(prefix: string): T[] {
  if (!existsSync(RESULTS_DIR)) return [];
  return readdirSync(RESULTS_DIR)
    .filter((file) => file.startsWith(`latest-${prefix}`) && file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(RESULTS_DIR, file), 'utf8')) as T);
}
