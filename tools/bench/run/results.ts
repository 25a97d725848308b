import type { MetricKey, Metrics } from '../scenarios/metrics';
import type { ServerSetup } from '../servers/server-setup';

/** One run of one scenario against one server set-up (a kind of server, or Pulse over Redis). */
export interface RunRecord {
  kind: ServerSetup;
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
