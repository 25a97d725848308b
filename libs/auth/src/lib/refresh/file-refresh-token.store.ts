import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { InMemoryRefreshTokenStore, type RefreshTokenSnapshot } from './in-memory-refresh-token.store';
import type { RefreshSession, RefreshTokenStore, RotateOutcome } from './refresh-token-store';

/**
 * The in-memory store, saved to a file after every change (written aside, then renamed into place; mode 0600) and
 * read back at start, so a single development server keeps its sign-ins across restarts as it keeps its secret.
 * Holds digests only. One process per file; several nodes share sign-ins through Redis instead.
 */
export class FileRefreshTokenStore implements RefreshTokenStore {
  private readonly memory: InMemoryRefreshTokenStore;

  constructor(
    private readonly path: string,
    now: () => number = Date.now,
  ) {
    this.memory = new InMemoryRefreshTokenStore(now);
    const saved = readSnapshot(path);
    if (saved) this.memory.restore(saved);
  }

  async start(session: RefreshSession, tokenKey: string, ttlMs: number): Promise<void> {
    await this.memory.start(session, tokenKey, ttlMs);
    this.save();
  }

  async rotate(userId: string, tokenKey: string, nextKey: string, ttlMs: number): Promise<RotateOutcome> {
    const outcome = await this.memory.rotate(userId, tokenKey, nextKey, ttlMs);
    if (outcome.kind !== 'unknown') this.save();
    return outcome;
  }

  async end(userId: string, tokenKey: string): Promise<boolean> {
    const ended = await this.memory.end(userId, tokenKey);
    if (ended) this.save();
    return ended;
  }

  async endAll(userId: string): Promise<void> {
    await this.memory.endAll(userId);
    this.save();
  }

  private save(): void {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const aside = `${this.path}.${process.pid}.tmp`;
    writeFileSync(aside, JSON.stringify(this.memory.snapshot()), { mode: 0o600 });
    renameSync(aside, this.path);
  }
}

/** The saved contents, or nothing when there is no file or it cannot be read as one (then the sign-ins start over). */
function readSnapshot(path: string): RefreshTokenSnapshot | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<RefreshTokenSnapshot>;
    return Array.isArray(parsed.signIns) && Array.isArray(parsed.tokens)
      ? (parsed as RefreshTokenSnapshot)
      : undefined;
  } catch {
    return undefined;
  }
}
