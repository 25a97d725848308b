/** A metric family of a Prometheus scrape: its type (from the `# TYPE` line) and the label names its series carry. */
export interface MetricFamily {
  readonly type: string;
  readonly labels: Set<string>;
}

/** The metric families of a scrape, by name; a histogram's `_bucket`, `_sum` and `_count` series count as its own. */
export function metricFamilies(scrape: string): Map<string, MetricFamily> {
  const found = new Map<string, MetricFamily>();
  for (const line of scrape.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) found.set(type[1], { type: type[2], labels: new Set() });
  }
  for (const line of scrape.split('\n')) {
    const series = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\{([^}]*)\}/.exec(line);
    if (!series) continue;
    const family = found.get(series[1]) ?? found.get(series[1].replace(/_(bucket|sum|count)$/, ''));
    for (const pair of series[2].split(',')) family?.labels.add(pair.split('=')[0]);
  }
  return found;
}
