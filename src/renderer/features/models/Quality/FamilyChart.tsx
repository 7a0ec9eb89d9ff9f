import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { QualityFamily } from '../../../../shared/contract';
import { Chart } from '../../../ui/Chart/Chart';
import { useFormat } from '../../../ui/useFormat';

/**
 * Every quantization of one source: size (x) against KL divergence (y), generation speed in each
 * point's label; the file shown in the inspector is drawn larger, unmeasured files hollow.
 */
export function FamilyChart({ family, current }: { family: QualityFamily; current: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const points = family.points;
  // The source scores 0 against itself: with no other file measured there is no scale to draw.
  const maxKl = Math.max(0, ...points.map((p) => p.klDivergence ?? 0));
  if (points.length < 2 || maxKl === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="family-chart-empty">
        {points.length < 2 ? t('quantize.family.empty') : t('quantize.family.noLoss')}
      </Text>
    );
  }
  const kl = (v: number) => new Intl.NumberFormat(format.locale, { maximumSignificantDigits: 3 }).format(v);
  const label = (p: (typeof points)[number]) =>
    `${p.isSource ? `${p.fileType} (${t('quantize.family.source')})` : p.fileType}${p.tokensPerSecond ? ` · ${format.tokenRate(p.tokensPerSecond)}` : ''}`;
  const summary = t('quantize.family.summary', { count: points.length, source: family.sourcePath });

  return (
    <Chart
      kind="xy"
      testId="family-chart"
      title={t('quantize.family.title')}
      description={summary}
      table={{ mode: 'toggle', label: summary, testId: 'family-table' }}
      tableBy="point"
      // Room on the right for the label of the largest file.
      frame={{ left: 56, right: 70, bottom: 40 }}
      x={{ title: t('quantize.family.axisSize'), format: format.bytes, ticks: 'decimal' }}
      y={{ title: t('quantize.family.axisKl'), format: kl, unknown: t('quantize.family.notMeasured') }}
      series={[
        {
          key: family.sourcePath,
          name: t('quantize.family.title'),
          line: false,
          showUnknown: true,
          pointLabels: true,
          color: 'var(--mantine-color-blue-6)',
          points: points.map((p) => ({
            x: p.sizeBytes,
            y: p.klDivergence,
            label: label(p),
            emphasis: p.path === current,
            data: { 'data-point': p.fileType },
          })),
        },
      ]}
    />
  );
}
