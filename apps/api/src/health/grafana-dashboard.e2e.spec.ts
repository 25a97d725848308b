import { startRedisServer, type TestRedisServer } from '@pulse/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient, upgradeStatus } from '../testing/test-client';
import { metricFamilies } from '../testing/metric-families';
import { waitFor } from '../testing/wait-for';

const DASHBOARD = join(__dirname, '../../../../docs/grafana/pulse-dashboard.json');

/** Labels Prometheus adds to every series it scrapes (`instance`, `job`), and the buckets' `le`. */
const SCRAPE_LABELS = new Set(['instance', 'job', 'le']);

interface Panel {
  readonly id: number;
  readonly title: string;
  readonly datasource?: unknown;
  readonly targets?: ReadonlyArray<{ readonly expr: string }>;
  readonly panels?: readonly Panel[];
}

function panelsOf(panels: readonly Panel[]): Panel[] {
  return panels.flatMap((panel) => [panel, ...panelsOf(panel.panels ?? [])]);
}

/** Every PromQL expression of the dashboard (panels and template variables), with where it is. */
function expressions(): Array<{ where: string; expr: string }> {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as {
    panels: Panel[];
    templating: { list: Array<{ name: string; definition: string }> };
  };
  return [
    ...panelsOf(dashboard.panels).flatMap((panel) =>
      (panel.targets ?? []).map((target) => ({ where: panel.title, expr: target.expr })),
    ),
    ...dashboard.templating.list.map((variable) => ({
      where: `$${variable.name}`,
      expr: variable.definition,
    })),
  ];
}

describe('docs/grafana/pulse-dashboard.json', () => {
  let redis: TestRedisServer;
  let api: TestApp;
  let scraped: ReturnType<typeof metricFamilies>;

  beforeAll(async () => {
    // the pulse_redis_* figures exist only on nodes with REDIS_URL
    redis = await startRedisServer();
    api = await startTestApp({ REDIS_URL: redis.url });
    // traffic, so that every labelled series exists: a connection, an error answer, a refused upgrade, a close
    const client = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor('alice')}`);
    client.sendRaw('{"type":"nope"}');
    await client.next('error');
    await upgradeStatus(`${api.wsUrl}?ticket=forged`);
    await client.close();
    // the server counts the close when its end of the socket closes, which may come after the client's
    let scrape = '';
    await waitFor(
      async () =>
        (scrape = await (await fetch(`${api.httpUrl}/metrics`)).text()).includes('pulse_closes_total{code='),
      'the close to be counted',
    );
    scraped = metricFamilies(scrape);
  });

  afterAll(async () => {
    await api.close();
    await redis.stop();
  });

  it('queries metrics in every panel, each panel with the templated Prometheus data source', () => {
    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: Panel[] };
    const panels = panelsOf(dashboard.panels);
    expect(new Set(panels.map((panel) => panel.id)).size).toBe(panels.length);
    for (const panel of panels) {
      expect(panel.datasource).toEqual({ type: 'prometheus', uid: '${DS_PROMETHEUS}' });
      expect(panel.targets?.length).toBeGreaterThan(0);
    }
    expect(expressions().length).toBeGreaterThanOrEqual(15);
  });

  it("queries only metrics of a real node's GET /metrics, by the labels they carry", () => {
    const unknown: string[] = [];
    const unlabelled: string[] = [];
    const notCounters: string[] = [];
    for (const { where, expr } of expressions()) {
      const names = [...expr.matchAll(/\bpulse_[a-z0-9_]*[a-z0-9]/g)].map((match) => match[0]);
      expect(names.length).toBeGreaterThan(0);
      const inExpr: string[] = [];
      for (const name of names) {
        const bucket = /^(.*)_bucket$/.exec(name);
        const family = scraped.has(name)
          ? name
          : bucket && scraped.get(bucket[1])?.type === 'histogram'
            ? bucket[1]
            : undefined;
        if (!family) unknown.push(`${where}: ${name}`);
        else inExpr.push(family);
      }
      // rate() only over counters (a histogram's buckets are counters)
      for (const match of expr.matchAll(/rate\((pulse_[a-z0-9_]+)/g)) {
        const family = scraped.get(match[1]) ?? scraped.get(match[1].replace(/_bucket$/, ''));
        if (
          family &&
          family.type !== 'counter' &&
          !(family.type === 'histogram' && match[1].endsWith('_bucket'))
        )
          notCounters.push(`${where}: ${match[1]}`);
      }
      const labels = [...expr.matchAll(/\bby \(([^)]*)\)/g)].flatMap((match) =>
        match[1].split(',').map((label) => label.trim()),
      );
      for (const label of labels.filter((name) => !SCRAPE_LABELS.has(name))) {
        if (!inExpr.some((family) => scraped.get(family)?.labels.has(label)))
          unlabelled.push(`${where}: by (${label})`);
      }
    }
    expect(unknown).toEqual([]);
    expect(unlabelled).toEqual([]);
    expect(notCounters).toEqual([]);
  });

  it("shows the figures of the operator's console", () => {
    const queried = new Set(
      expressions().flatMap(({ expr }) =>
        [...expr.matchAll(/\bpulse_[a-z0-9_]*[a-z0-9]/g)].map((match) => match[0]),
      ),
    );
    for (const name of [
      'pulse_connections',
      'pulse_rooms',
      'pulse_room_members',
      'pulse_messages_in_total',
      'pulse_deliveries_total',
      'pulse_fanout_seconds_bucket',
      'pulse_redis_pubsub_lag_seconds_bucket',
      'pulse_upgrades_refused_total',
      'pulse_closes_total',
    ]) {
      expect(queried).toContain(name);
    }
  });
});
