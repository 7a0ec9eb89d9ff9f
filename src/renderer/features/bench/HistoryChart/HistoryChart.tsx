import { Paper, Text, VisuallyHidden } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { BenchRun } from '../../../../shared/contract';
import { useFormat } from '../../../ui/useFormat';
import type { HistorySeries } from '../historySeries';

const WIDTH = 560;
const HEIGHT = 220;
const PAD = { left: 56, right: 16, top: 12, bottom: 28 };
const COLORS = ['#228be6', '#fa5252', '#40c057', '#fab005', '#7950f2', '#15aabf', '#e64980', '#82c91e'];

/**
 * Speed per run as lines, one per test and settings (inline SVG, no chart library), runs in time
 * order; the same numbers as a table for screen readers.
 */
export function HistoryChart({ runs, series }: { runs: readonly BenchRun[]; series: readonly HistorySeries[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const titleId = useId();
  const shown = series.slice(0, COLORS.length);
  const max = Math.max(1, ...shown.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (runs.length <= 1 ? plotW / 2 : (i / (runs.length - 1)) * plotW);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const label = (s: HistorySeries) => `${s.name} · ${s.settings.threads}t${s.settings.flashAttention ? ' · fa' : ''} · ${s.settings.kvCacheType}`;
  return (
    <Paper withBorder p="sm" data-testid="bench-history-chart">
      <Text size="sm" fw={500} id={titleId} mb={4}>
        {t('bench.history.chart')}
      </Text>
      <svg width="100%" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={titleId} style={{ maxWidth: WIDTH }}>
        <line x1={PAD.left} y1={PAD.top + plotH} x2={WIDTH - PAD.right} y2={PAD.top + plotH} stroke="currentColor" strokeOpacity={0.3} />
        <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={PAD.top + plotH} stroke="currentColor" strokeOpacity={0.3} />
        <text x={PAD.left - 6} y={PAD.top + 4} fontSize={11} textAnchor="end" fill="currentColor">
          {format.tokenRate(max)}
        </text>
        <text x={PAD.left - 6} y={PAD.top + plotH} fontSize={11} textAnchor="end" fill="currentColor">
          0
        </text>
        {runs.map((run, i) => (
          <text key={run.id} x={x(i)} y={HEIGHT - 8} fontSize={10} textAnchor="middle" fill="currentColor">
            {i + 1}
          </text>
        ))}
        {shown.map((s, si) => {
          const points = s.values.flatMap((v, i) => (v === null ? [] : [[x(i), y(v)] as const]));
          return (
            <g key={s.key} data-testid="history-series" data-label={label(s)} data-points={points.length}>
              <polyline points={points.map(([px, py]) => `${px},${py}`).join(' ')} fill="none" stroke={COLORS[si]} strokeWidth={2} />
              {points.map(([px, py], i) => (
                <circle key={i} cx={px} cy={py} r={3} fill={COLORS[si]} />
              ))}
            </g>
          );
        })}
      </svg>
      <Text component="div" size="xs" mt={4}>
        {shown.map((s, si) => (
          <span key={s.key} style={{ marginRight: 12, whiteSpace: 'nowrap' }}>
            <span aria-hidden style={{ color: COLORS[si] }}>
              ●{' '}
            </span>
            {label(s)}
          </span>
        ))}
      </Text>
      <VisuallyHidden>
        <table>
          <caption>{t('bench.history.chart')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('bench.history.series')}</th>
              {runs.map((run, i) => (
                <th key={run.id} scope="col">
                  {t('bench.history.run')} {i + 1} ({format.dateTime(run.startedAt)})
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((s) => (
              <tr key={s.key}>
                <th scope="row">{label(s)}</th>
                {s.values.map((v, i) => (
                  <td key={i}>{v === null ? t('common.none') : format.tokenRate(v)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </VisuallyHidden>
    </Paper>
  );
}
