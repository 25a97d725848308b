import { Registry } from 'prom-client';
import { HotCounter, HotHistogram } from './hot-metrics';

describe('HotCounter', () => {
  it('shows what was added, per label, at every scrape without counting anything twice', async () => {
    const registry = new Registry();
    const byType = new HotCounter({ name: 'test_in_total', help: 'in', labelName: 'type', registry });
    const plain = new HotCounter({ name: 'test_out_total', help: 'out', registry });
    byType.addTo('move');
    byType.addTo('move');
    byType.addTo('chat', 3);
    plain.add(5);
    let text = await registry.metrics();
    expect(text).toContain('test_in_total{type="move"} 2');
    expect(text).toContain('test_in_total{type="chat"} 3');
    expect(text).toContain('test_out_total 5');
    byType.addTo('move');
    text = await registry.metrics();
    expect(text).toContain('test_in_total{type="move"} 3');
    expect(text).toContain('test_in_total{type="chat"} 3');
    expect(text).toContain('test_out_total 5');
  });
});

describe('HotHistogram', () => {
  it('renders cumulative buckets, +Inf, sum and count as a Prometheus histogram', async () => {
    const registry = new Registry();
    const histogram = new HotHistogram('test_seconds', 'time', [0.001, 0.01], registry);
    for (const value of [0.0005, 0.002, 0.003, 5]) histogram.observe(value);
    const text = await registry.metrics();
    expect(text).toContain('# TYPE test_seconds histogram');
    expect(text).toContain('test_seconds_bucket{le="0.001"} 1');
    expect(text).toContain('test_seconds_bucket{le="0.01"} 3');
    expect(text).toContain('test_seconds_bucket{le="+Inf"} 4');
    expect(text).toContain('test_seconds_sum 5.0055');
    expect(text).toContain('test_seconds_count 4');
  });
});
