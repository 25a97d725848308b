import type { MetricKey, Metrics } from '../scenarios/metrics';
import type { ServerKind } from '../servers/server-kind';

/** One run of one scenario against one kind of server. */
export interface RunRecord {
  kind: ServerKind;
  run: number;
  metrics: Metrics;
  notes: string[];
  /** Why the run produced no figures. */
  failed?: string;
}

export interface ScenarioResult {
  name: string;
  title: string;
  description: string;
  params: Record<string, number | string>;
  /** The figures its report shows, in order. */
  figures: MetricKey[];
  records: RunRecord[];
}
