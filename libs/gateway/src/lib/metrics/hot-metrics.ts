import { Counter, type Registry } from 'prom-client';

/**
 * A Prometheus counter for the message path: `add()` is a number increment, and the accumulated amounts are
 * handed to prom-client only when the registry is scraped. (prom-client's own `inc()` hashes the labels and
 * returns an object on every call.)
 */
export class HotCounter<L extends string = never> {
  private readonly pending = new Map<string, number>();
  private unlabelled = 0;

  constructor(options: { name: string; help: string; labelName?: L; registry: Registry }) {
    const { pending } = this;
    const flush = (counter: Counter<string>): void => {
      if (this.unlabelled > 0) counter.inc(this.unlabelled);
      this.unlabelled = 0;
      if (!options.labelName) return;
      for (const [label, amount] of pending)
        if (amount > 0) counter.inc({ [options.labelName]: label }, amount);
      for (const label of pending.keys()) pending.set(label, 0);
    };
    new Counter({
      name: options.name,
      help: options.help,
      labelNames: options.labelName ? [options.labelName] : [],
      registers: [options.registry],
      collect() {
        flush(this);
      },
    });
  }

  /** Adds to the unlabelled series. */
  add(amount = 1): void {
    this.unlabelled += amount;
  }

  /** Adds to the series with this label value. */
  addTo(label: string, amount = 1): void {
    this.pending.set(label, (this.pending.get(label) ?? 0) + amount);
  }
}

/**
 * A Prometheus histogram whose `observe()` is a bucket scan and two additions: no labels, no allocation.
 * Rendered by prom-client's registry like its own histograms (`_bucket{le=...}`, `_sum`, `_count`).
 */
export class HotHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly counts: Float64Array;
  private sum = 0;
  private count = 0;

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly buckets: readonly number[],
    registry: Registry,
  ) {
    this.counts = new Float64Array(buckets.length);
    registry.registerMetric(this as never);
  }

  observe(value: number): void {
    this.sum += value;
    this.count++;
    const buckets = this.buckets;
    for (let i = 0; i < buckets.length; i++) {
      if (value <= buckets[i]) {
        this.counts[i]++;
        return;
      }
    }
  }

  get(): {
    name: string;
    help: string;
    type: string;
    aggregator: string;
    values: { labels: Record<string, string | number>; value: number; metricName: string }[];
  } {
    const values = [];
    let cumulative = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      cumulative += this.counts[i];
      values.push({ labels: { le: this.buckets[i] }, value: cumulative, metricName: `${this.name}_bucket` });
    }
    values.push({ labels: { le: '+Inf' }, value: this.count, metricName: `${this.name}_bucket` });
    values.push({ labels: {}, value: this.sum, metricName: `${this.name}_sum` });
    values.push({ labels: {}, value: this.count, metricName: `${this.name}_count` });
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  reset(): void {
    this.counts.fill(0);
    this.sum = 0;
    this.count = 0;
  }
}
