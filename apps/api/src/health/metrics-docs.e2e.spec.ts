import { startRedisServer, type TestRedisServer } from '@pulse/testing';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient, upgradeStatus } from '../testing/test-client';
import { metricFamilies } from '../testing/metric-families';
import { waitFor } from '../testing/wait-for';

const ROOT = join(__dirname, '../../../..');

/** README.md and every docs/*.md, by path from the repository root. */
function documents(): Array<{ path: string; text: string }> {
  const docs = readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs].map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));
}

interface Mention {
  readonly name: string;
  /** Label names written after it, as in `pulse_errors_total{code}`. */
  readonly labels: readonly string[];
  readonly where: string;
}

/** `pulse_*` names the documents use for things other than metrics. */
const NOT_METRICS = new Set(['pulse_refresh' /* the refresh-token cookie (docs/auth.md) */]);

/** Every `pulse_*` name the documents mention, with the labels they give it. */
function mentionedMetrics(): Mention[] {
  const mentions: Mention[] = [];
  for (const { path, text } of documents()) {
    text.split('\n').forEach((line, index) => {
      for (const match of line.matchAll(/\bpulse_[a-z0-9_]*[a-z0-9](?:\{([^}`]*)\})?/g)) {
        const labels = (match[1] ?? '')
          .split(',')
          .map((label) => label.split('=')[0].trim())
          .filter(Boolean);
        const name = match[0].replace(/\{.*$/, '');
        if (!NOT_METRICS.has(name)) mentions.push({ name, labels, where: `${path}:${index + 1}` });
      }
    });
  }
  return mentions;
}

/** The family a documented name belongs to: itself, or a histogram's (summary's) `_bucket`, `_sum` or `_count`. */
function familyOf(name: string, scraped: ReturnType<typeof metricFamilies>): string | undefined {
  if (scraped.has(name)) return name;
  const suffixed = /^(.*)_(bucket|sum|count)$/.exec(name);
  const base = suffixed && scraped.get(suffixed[1]);
  if (base && (base.type === 'histogram' || (base.type === 'summary' && suffixed[2] !== 'bucket')))
    return suffixed[1];
  return undefined;
}

describe('metrics named in the docs', () => {
  let redis: TestRedisServer;
  let api: TestApp;

  beforeAll(async () => {
    // some figures (pulse_redis_*) exist only on nodes with REDIS_URL
    redis = await startRedisServer();
    api = await startTestApp({ REDIS_URL: redis.url });
  });

  afterAll(async () => {
    await api.close();
    await redis.stop();
  });

  it('finds the metric names the docs mention', () => {
    const names = new Set(mentionedMetrics().map((mention) => mention.name));
    expect(names).toContain('pulse_redis_up');
    expect(names).toContain('pulse_connections');
    expect(names.size).toBeGreaterThanOrEqual(10);
  });

  it('are each a metric of a real scrape, under that name, with the labels they are given', async () => {
    // traffic, so that labelled series exist: a connection, an error answer, a refused upgrade, a close
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
    const scraped = metricFamilies(scrape);

    const unknown: string[] = [];
    const unlabelled: string[] = [];
    for (const mention of mentionedMetrics()) {
      const family = familyOf(mention.name, scraped);
      if (!family) unknown.push(`${mention.where}: ${mention.name}`);
      else
        for (const label of mention.labels)
          if (!scraped.get(family)?.labels.has(label))
            unlabelled.push(`${mention.where}: ${mention.name}{${label}}`);
    }
    expect(unknown).toEqual([]);
    expect(unlabelled).toEqual([]);
  });
});
