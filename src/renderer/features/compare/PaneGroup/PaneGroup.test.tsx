// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../../platform/i18n';
import { MetricChart } from '../MetricChart/MetricChart';
import { PaneGroup } from './PaneGroup';

const wrap = (node: ReactNode) => (
  <I18nextProvider i18n={i18n}>
    <MantineProvider>{node}</MantineProvider>
  </I18nextProvider>
);

afterEach(cleanup);

describe('PaneGroup', () => {
  const widths = (root: HTMLElement) => [...root.querySelectorAll('[data-testid="pane-slot"]')].map((el) => Number(el.getAttribute('data-width')));

  it('splits evenly and moves one divider with the arrow keys, never below the minimum', () => {
    const { container, rerender } = render(wrap(<PaneGroup>{[<div key="a">A</div>, <div key="b">B</div>, <div key="c">C</div>]}</PaneGroup>));
    expect(widths(container)).toEqual([33, 33, 33]);
    const [first] = container.querySelectorAll('[role="separator"]');
    fireEvent.keyDown(first!, { key: 'ArrowRight' });
    expect(widths(container)).toEqual([37, 29, 33]);
    for (let i = 0; i < 20; i++) fireEvent.keyDown(first!, { key: 'ArrowRight' });
    expect(widths(container)).toEqual([55, 12, 33]);
    expect(first!.getAttribute('aria-valuenow')).toBe('55');

    // A different pane count starts even again.
    rerender(wrap(<PaneGroup>{[<div key="a">A</div>, <div key="b">B</div>]}</PaneGroup>));
    expect(widths(container)).toEqual([50, 50]);
  });
});

describe('MetricChart', () => {
  it('draws one bar per model, longest for the largest value, with the numbers for screen readers', () => {
    const { container, getByText } = render(
      wrap(<MetricChart title="Speed" bars={[{ label: 'a.gguf', value: 50 }, { label: 'b.gguf', value: 100 }, { label: 'c.gguf', value: null }]} format={(v) => `${v} tok/s`} />),
    );
    const rects = [...container.querySelectorAll('rect')].map((r) => Number(r.getAttribute('width')));
    expect(rects[1]).toBeGreaterThan(rects[0]!);
    expect(rects[2]).toBe(0);
    expect(container.querySelector('svg')?.getAttribute('role')).toBe('img');
    expect(getByText('Speed', { selector: 'caption' })).toBeTruthy();
    expect(container.querySelectorAll('tbody tr')).toHaveLength(3);
  });
});
