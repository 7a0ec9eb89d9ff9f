import { useTranslation } from 'react-i18next';
import type { BenchRun } from '../../../../shared/contract';
import { Chart } from '../../../ui/Chart/Chart';
import { useFormat } from '../../../ui/useFormat';
import type { HistorySeries } from '../historySeries';

/** Speed per run as lines, one per test and settings, runs in time order (numbered on the axis). */
export function HistoryChart({ runs, series }: { runs: readonly BenchRun[]; series: readonly HistorySeries[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const label = (s: HistorySeries) =>
    `${s.name} · ${s.settings.threads}t${s.settings.flashAttention ? ' · fa' : ''} · ${s.settings.kvCacheType}`;
  const runName = (i: number) => `${t('bench.history.run')} ${i + 1} (${runs[i] ? format.dateTime(runs[i].startedAt) : ''})`;
  return (
    <Chart
      kind="xy"
      framed
      testId="bench-history-chart"
      title={t('bench.history.chart')}
      tableBy="x"
      frame={{ width: 560, left: 72 }}
      x={{ title: t('bench.history.run'), format: (i) => String(i + 1), tableFormat: runName, ticks: 'data' }}
      y={{ format: format.tokenRate, ticks: 'decimal' }}
      series={series.map((s) => {
        const name = label(s);
        return {
          key: s.key,
          name,
          data: { 'data-testid': 'history-series', 'data-label': name, 'data-points': s.values.filter((v) => v !== null).length },
          points: s.values.map((y, i) => ({ x: i, y })),
        };
      })}
    />
  );
}
