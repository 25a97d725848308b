export interface Opened<T> {
  readonly index: number;
  readonly client: T;
}

export interface OpenManyResult<T> {
  opened: Opened<T>[];
  failures: number;
  firstError?: string;
  elapsedMs: number;
}

export interface OpenManyOptions {
  count: number;
  /** Opens in flight at once. */
  concurrency: number;
  /** Stop starting new opens at this `performance.now()` time. */
  stopAt?: number;
  /** Give up once this many opens failed. @default max(10, 2 % of count) */
  maxFailures?: number;
}

/** Opens `count` clients (`open(index)`), `concurrency` at a time, bounded in time and in failures. */
export async function openMany<T>(
  options: OpenManyOptions,
  open: (index: number) => Promise<T>,
): Promise<OpenManyResult<T>> {
  const started = performance.now();
  const maxFailures = options.maxFailures ?? Math.max(10, Math.ceil(options.count * 0.02));
  const opened: Opened<T>[] = [];
  let next = 0;
  let failures = 0;
  let firstError: string | undefined;
  const worker = async (): Promise<void> => {
    while (
      next < options.count &&
      failures < maxFailures &&
      (options.stopAt === undefined || performance.now() < options.stopAt)
    ) {
      const index = next++;
      try {
        opened.push({ index, client: await open(index) });
      } catch (error) {
        failures++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.count) }, worker));
  return { opened, failures, firstError, elapsedMs: performance.now() - started };
}
