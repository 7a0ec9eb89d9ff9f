// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { cleanup, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { QualityFamily, QuantizeJob } from '../../../../shared/contract';
import { useAppStore } from '../../../state/appStore';
import { i18n } from '../../../platform/i18n';
import type { CaliperClient } from '../../../platform/rpcClient';
import { QuantizeJobRow } from '../Quantize/QuantizeJobRow';
import { FamilyChart } from './FamilyChart';

afterEach(() => {
  cleanup();
  useAppStore.setState({ client: null });
});

const wrap = (node: ReactNode) =>
  render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">{node}</MantineProvider>
    </I18nextProvider>,
  );

const family: QualityFamily = {
  sourcePath: '/m/tiny-F32.gguf',
  points: [
    { path: '/m/tiny-F32.gguf', fileType: 'F32', sizeBytes: 7_000_000, klDivergence: 0, perplexity: 300, tokensPerSecond: 400, isSource: true },
    { path: '/m/tiny-Q8_0.gguf', fileType: 'Q8_0', sizeBytes: 1_900_000, klDivergence: 0.0004, perplexity: 301, tokensPerSecond: 900, isSource: false },
    { path: '/m/tiny-Q4_K_M.gguf', fileType: 'Q4_K_M', sizeBytes: 1_100_000, klDivergence: null, perplexity: null, tokensPerSecond: null, isSource: false },
  ],
};

describe('the family chart', () => {
  it('places every quantization by size and KL, says which are not measured, and repeats the numbers in a table', async () => {
    await i18n.changeLanguage('en');
    wrap(<FamilyChart family={family} current="/m/tiny-Q8_0.gguf" />);
    expect(screen.getByRole('img', { name: /All quantizations of this model/ })).toBeTruthy();
    const q8 = document.querySelector('[data-point="Q8_0"] circle')!;
    const f32 = document.querySelector('[data-point="F32"] circle')!;
    // Smaller file → further left; more loss → higher (smaller y).
    expect(Number(q8.getAttribute('cx'))).toBeLessThan(Number(f32.getAttribute('cx')));
    expect(Number(q8.getAttribute('cy'))).toBeLessThan(Number(f32.getAttribute('cy')));
    expect(q8.getAttribute('r')).toBe('6');
    expect(document.querySelector('[data-point="Q4_K_M"] circle')?.getAttribute('fill')).toBe('none');
    expect(screen.getByTestId('family-table').textContent).toContain('not measured');
  });

  it('asks for more measurements when there is only the source', async () => {
    await i18n.changeLanguage('zh-CN');
    wrap(<FamilyChart family={{ ...family, points: family.points.slice(0, 1) }} current="/m/tiny-F32.gguf" />);
    expect(screen.getByText('测量两个或更多量化版本后即可并排比较。')).toBeTruthy();
  });


  it('says what to measure instead of drawing an axis with no scale when no quantization was measured', async () => {
    await i18n.changeLanguage('en');
    const unmeasured = family.points.map((p) => (p.isSource ? p : { ...p, klDivergence: null }));
    wrap(<FamilyChart family={{ ...family, points: unmeasured }} current="/m/tiny-F32.gguf" />);
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByTestId('family-chart-empty').textContent).toMatch(/Measure the quality of a quantization/);
    expect(document.body.textContent).not.toContain('0.000001');
  });
});

describe('a quantization row', () => {
  const job: QuantizeJob = {
    id: 'j1',
    sourcePath: '/m/tiny-F32.gguf',
    outputPath: '/m/tiny-Q4_K_M.gguf',
    type: 'Q4_K_M',
    state: 'running',
    tensorsDone: 7,
    tensorsTotal: 21,
    predictedBytes: 1_066_336,
    threads: 1,
    error: null,
    startedAt: 0,
    finishedAt: null,
  };

  it('shows per-tensor progress while running and the reason in words when it failed', async () => {
    await i18n.changeLanguage('en');
    useAppStore.setState({ client: { quantize: {} } as unknown as CaliperClient });
    const { rerender } = wrap(<QuantizeJobRow job={job} />);
    expect(screen.getByTestId('quantize-progress').getAttribute('data-done')).toBe('7');
    expect(screen.getByText('Tensor 7 of 21')).toBeTruthy();
    rerender(
      <I18nextProvider i18n={i18n}>
        <MantineProvider env="test">
          <QuantizeJobRow job={{ ...job, state: 'failed', error: { code: 'DISK_FULL', detail: 'basic_ios::clear: iostream error' } }} />
        </MantineProvider>
      </I18nextProvider>,
    );
    expect(screen.getByRole('alert').textContent).toContain('the disk is full');
  });
});
