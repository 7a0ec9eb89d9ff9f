import { SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/useFormat';
import { Chart, type BarDatum } from '../../../ui/Chart/Chart';

export interface ChartSeries {
  label: string;
  generationRates: Array<number | null>;
  ttfts: Array<number | null>;
  peaks: Array<number | null>;
}

const mean = (values: Array<number | null>) => {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
};
const max = (values: Array<number | null>) => {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? Math.max(...known) : null;
};

/** Generation speed and time to first token (means over answers) and peak memory, per model. */
export function CompareCharts({ series, testId }: { series: ChartSeries[]; testId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const bars = (pick: (s: ChartSeries) => number | null): BarDatum[] => series.map((s) => ({ label: s.label, value: pick(s) }));
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm" data-testid={testId}>
      <Chart
        kind="bar"
        framed
        title={t('compare.chart.generation')}
        bars={bars((s) => mean(s.generationRates))}
        format={format.tokenRate}
        testId="chart-generation"
      />
      <Chart
        kind="bar"
        framed
        title={t('compare.chart.ttft')}
        bars={bars((s) => mean(s.ttfts))}
        format={format.duration}
        testId="chart-ttft"
      />
      <Chart
        kind="bar"
        framed
        title={t('compare.chart.memory')}
        bars={bars((s) => max(s.peaks))}
        format={format.memory}
        testId="chart-memory"
      />
    </SimpleGrid>
  );
}
