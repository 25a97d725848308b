import { render, screen } from '@testing-library/react';
import { LineChart } from './line-chart';

describe('LineChart', () => {
  it("draws a line per series and names each series' latest value, in the legend and the accessible name", () => {
    render(
      <LineChart
        title="Messages per second"
        series={[
          { label: 'in', values: [1, 2, 3] },
          { label: 'out', values: [4, null, 8] },
        ]}
        format={(v) => `${v}/s`}
      />,
    );
    const chart = screen.getByRole('img', { name: 'Messages per second: in 3/s, out 8/s' });
    expect([...chart.querySelectorAll('polyline')].map((line) => line.getAttribute('data-series'))).toEqual([
      'in',
      'out',
      'out',
    ]);
    expect(screen.getByText('top 10/s')).toBeTruthy();
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['in 3/s', 'out 8/s']);
  });

  it('says when there is nothing to show', () => {
    render(<LineChart title="Closes by code" series={[]} format={String} />);
    expect(screen.getByRole('img', { name: 'Closes by code: no data' })).toBeTruthy();
    expect(screen.getByText('none yet')).toBeTruthy();
  });
});
