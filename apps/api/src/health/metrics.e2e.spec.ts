import { startRedisServer, type TestRedisServer } from '@pulse/testing';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient, upgradeStatus } from '../testing/test-client';
import { waitFor } from '../testing/wait-for';

function value(text: string, series: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(series + ' '));
  return line ? Number(line.slice(series.length + 1)) : NaN;
}

describe('GET /metrics', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp();
  });

  afterAll(() => api.close());

  it('counts connections, messages by type, errors by code, refusals by reason and deliveries', async () => {
    const a = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor('alice')}`);
    const b = await TestClient.open(`${api.wsUrl}?ticket=${await api.ticketFor('bob')}`);
    for (const client of [a, b]) {
      client.send({ type: 'join', room: 'm' });
      await client.next('snapshot');
    }
    a.send({ type: 'move', room: 'm', x: 1, y: 1 });
    await b.next('move');
    a.sendRaw('{"type":"nope"}');
    await a.next('error');
    await upgradeStatus(`${api.wsUrl}?ticket=forged`);

    const response = await fetch(`${api.httpUrl}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(value(text, 'pulse_connections{transport="ws"}')).toBe(2);
    expect(value(text, 'pulse_messages_in_total{type="move"}')).toBe(1);
    expect(value(text, 'pulse_messages_in_total{type="join"}')).toBe(2);
    expect(value(text, 'pulse_errors_total{code="UNKNOWN_TYPE"}')).toBe(1);
    expect(value(text, 'pulse_upgrades_refused_total{reason="ticket-invalid"}')).toBe(1);
    expect(value(text, 'pulse_deliveries_total')).toBeGreaterThanOrEqual(2);
    expect(text).toContain('pulse_fanout_seconds_bucket');
    expect(text).toContain('pulse_process_resident_memory_bytes');
    expect(text).not.toMatch(/ticket=|Bearer /);
    expect(text).not.toContain('pulse_redis_pubsub');
    await Promise.all([a.close(), b.close()]);
  });
});

describe('GET /metrics with REDIS_URL', () => {
  let redis: TestRedisServer;
  let api: TestApp;

  beforeAll(async () => {
    redis = await startRedisServer();
    api = await startTestApp({ REDIS_URL: redis.url });
  });

  afterAll(async () => {
    await api.close();
    await redis.stop();
  });

  const scrape = async () => (await fetch(`${api.httpUrl}/metrics`)).text();

  it('reports Redis as up and times the pub/sub round trip of its lag probe', async () => {
    await waitFor(
      async () => value(await scrape(), 'pulse_redis_pubsub_lag_seconds_count') >= 1,
      'a pub/sub lag probe back',
    );
    const text = await scrape();
    expect(value(text, 'pulse_redis_up')).toBe(1);
    expect(value(text, 'pulse_redis_pubsub_probe_timeouts_total')).toBe(0);
    expect(value(text, 'pulse_redis_pubsub_last_lag_seconds')).toBeGreaterThan(0);
    expect(value(text, 'pulse_redis_pubsub_lag_seconds_bucket{le="2.5"}')).toBe(
      value(text, 'pulse_redis_pubsub_lag_seconds_count'),
    );
  });
});
