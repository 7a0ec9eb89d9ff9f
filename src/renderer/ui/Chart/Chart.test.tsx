// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { cleanup, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { i18n } from '../../platform/i18n';
import { Chart } from './Chart';

const wrap = (node: ReactNode) =>
  render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">{node}</MantineProvider>
    </I18nextProvider>,
  );

beforeAll(() => i18n.changeLanguage('en'));
afterEach(cleanup);

const rows = (table: Element) => [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));

describe('Chart: bars', () => {
  it('draws one bar per model, longest for the largest value, with the numbers for screen readers', () => {
    const { container } = wrap(
      <Chart
        kind="bar"
        title="Speed"
        bars={[
          { label: 'a.gguf', value: 50 },
          { label: 'b.gguf', value: 100 },
          { label: 'c.gguf', value: null },
        ]}
        format={(v) => `${v} tok/s`}
      />,
    );
    const widths = [...container.querySelectorAll('rect')].map((r) => Number(r.getAttribute('width')));
    expect(widths[1]).toBeGreaterThan(widths[0]!);
    expect(widths[1]! / widths[0]!).toBeCloseTo(2);
    expect(widths[2]).toBe(0);
    expect(screen.getByRole('img', { name: 'Speed' })).toBeTruthy();
    expect(screen.getByText('Speed', { selector: 'caption' })).toBeTruthy();
    expect(rows(container.querySelector('table')!)).toEqual([
      ['a.gguf', '50 tok/s'],
      ['b.gguf', '100 tok/s'],
      ['c.gguf', '—'],
    ]);
  });
});

describe('Chart: lines and points', () => {
  const series = [
    { key: 'f16', name: 'F16', data: { 'data-series': 'F16' }, points: [512, 1024, 2048].map((x) => ({ x, y: x * 2 })) },
    { key: 'q8', name: 'Q8_0', points: [512, 1024, 2048].map((x, i) => ({ x, y: i === 1 ? null : x })) },
  ];

  it('places points on a log-2 x axis and round y ticks, and tabulates every point by x', () => {
    const { container } = wrap(
      <Chart
        kind="xy"
        title="Memory"
        description="At 2048: F16 4096."
        tableBy="x"
        table={{ mode: 'toggle', testId: 'numbers' }}
        valueAttribute="data-bytes"
        x={{ title: 'Context', format: String, scale: 'log2', ticks: 'data' }}
        y={{ format: (v) => `${v} B`, ticks: 'decimal' }}
        series={series}
      />,
    );
    const svg = screen.getByRole('img', { name: 'Memory' });
    expect(document.getElementById(svg.getAttribute('aria-describedby')!)?.textContent).toBe('At 2048: F16 4096.');
    const cx = [...container.querySelectorAll('[data-series="F16"] circle')].map((c) => Number(c.getAttribute('cx')));
    // Doublings are evenly spaced.
    expect(cx[1]! - cx[0]!).toBeCloseTo(cx[2]! - cx[1]!);
    // The y axis ends on a round tick at or above the largest value (4096 → 5000).
    const yLabels = [...svg.querySelectorAll('text')].map((t) => t.textContent).filter((s) => s?.endsWith(' B'));
    expect(yLabels).toEqual(['0 B', '1000 B', '2000 B', '3000 B', '4000 B', '5000 B']);
    // The unknown point is neither drawn nor joined.
    expect(svg.querySelectorAll('polyline')).toHaveLength(2);
    expect(svg.querySelectorAll('circle')).toHaveLength(5);
    const table = screen.getByTestId('numbers');
    expect(screen.getByText('Show the numbers')).toBeTruthy();
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Context', 'F16', 'Q8_0']);
    expect(rows(table)).toEqual([
      ['512', '1024 B', '512 B'],
      ['1024', '2048 B', '—'],
      ['2048', '4096 B', '2048 B'],
    ]);
    expect([...table.querySelectorAll('tbody tr:last-child td')].map((td) => td.getAttribute('data-bytes'))).toEqual(['4096', '2048']);
  });

  it('tabulates labelled points one row each, unknown ones hollow and named as unknown', () => {
    const { container } = wrap(
      <Chart
        kind="xy"
        title="Family"
        tableBy="point"
        x={{ title: 'Size', format: (v) => `${v} MB` }}
        y={{ title: 'KL', format: String, unknown: 'not measured' }}
        series={[
          {
            key: 'one',
            name: 'Files',
            line: false,
            showUnknown: true,
            pointLabels: true,
            points: [
              { x: 7, y: 0, label: 'F32', data: { 'data-point': 'F32' } },
              { x: 2, y: 0.4, label: 'Q8_0', emphasis: true, data: { 'data-point': 'Q8_0' } },
              { x: 1, y: null, label: 'Q4_K_M', data: { 'data-point': 'Q4_K_M' } },
            ],
          },
        ]}
      />,
    );
    const circle = (p: string) => container.querySelector(`[data-point="${p}"] circle`)!;
    expect(Number(circle('Q8_0').getAttribute('cx'))).toBeLessThan(Number(circle('F32').getAttribute('cx')));
    expect(Number(circle('Q8_0').getAttribute('cy'))).toBeLessThan(Number(circle('F32').getAttribute('cy')));
    expect(circle('Q8_0').getAttribute('r')).toBe('6');
    expect(circle('Q4_K_M').getAttribute('fill')).toBe('none');
    expect(container.querySelector('polyline')).toBeNull();
    expect(rows(container.querySelector('table')!)).toEqual([
      ['F32', '7 MB', '0'],
      ['Q8_0', '2 MB', '0.4'],
      ['Q4_K_M', '1 MB', 'not measured'],
    ]);
  });

  it('draws a single run in the middle of its axis', () => {
    const { container } = wrap(
      <Chart
        kind="xy"
        title="Runs"
        tableBy="x"
        frame={{ width: 400, left: 50, right: 50 }}
        x={{ format: (i) => String(i + 1), ticks: 'data' }}
        y={{ format: String }}
        series={[{ key: 's', name: 'pp512', points: [{ x: 0, y: 10 }] }]}
      />,
    );
    expect(container.querySelector('circle')?.getAttribute('cx')).toBe('200');
  });
});
