import { useTranslation } from 'react-i18next';
import type { KvCacheChart as Data } from '../../../../shared/contract';
import { Chart } from '../../../ui/Chart/Chart';
import { useFormat } from '../../../ui/useFormat';
import { contextLabel } from './contextLabel';

/** Colour and dash per cache type, so the lines differ without colour too. */
const lineStyle = {
  F16: { color: 'var(--mantine-color-blue-6)', dash: undefined },
  Q8_0: { color: 'var(--mantine-color-teal-6)', dash: '7 4' },
  Q4_0: { color: 'var(--mantine-color-orange-6)', dash: '2 3' },
} as const;

/**
 * KV-cache memory per context length, one line per cache type, on a log-2 context axis (sizes
 * double). The inspector's section names it, so the title is the chart's accessible name only.
 */
export function KvCacheChart({ chart }: { chart: Data }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { contextSizes, series } = chart;
  const last = contextSizes.length - 1;
  const summary = t('models.kvCache.summary', {
    context: t('models.inspector.tokens', { value: format.integer(contextSizes[last] ?? 0) }),
    values: series.map((s) => `${s.type} ${format.memory(s.bytes[last] ?? 0)}`).join(', '),
  });

  return (
    <Chart
      kind="xy"
      testId="kv-cache-chart"
      title={t('models.kvCache.title')}
      showTitle={false}
      description={summary}
      table={{ mode: 'toggle', label: t('models.kvCache.showTable'), testId: 'kv-cache-table' }}
      valueAttribute="data-bytes"
      tableBy="x"
      x={{
        title: t('models.kvCache.xAxis'),
        format: (n) => contextLabel(n, format.locale),
        tableFormat: format.integer,
        scale: 'log2',
        ticks: 'data',
      }}
      y={{ format: format.memory, ticks: 'binary' }}
      series={series.map((s) => ({
        key: s.type,
        name: s.type,
        ...lineStyle[s.type],
        data: { 'data-series': s.type },
        points: s.bytes.map((bytes, i) => ({ x: contextSizes[i]!, y: bytes })),
      }))}
    />
  );
}
