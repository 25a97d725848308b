import { startTestApp, type TestApp } from '../testing/test-app';
import { TestClient, upgradeStatus } from '../testing/test-client';

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
    await Promise.all([a.close(), b.close()]);
  });
});
