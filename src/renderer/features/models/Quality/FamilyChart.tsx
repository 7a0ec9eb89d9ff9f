import { Stack, Table, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { QualityFamily } from '../../../../shared/contract';
import { useFormat } from '../../../ui/useFormat';

const frame = { width: 420, height: 220, left: 56, right: 70, top: 14, bottom: 40 };

/**
 * Every quantization of one source: size (x) against KL divergence (y), generation speed in each
 * point's label; the file shown in the inspector is filled. Inline SVG with the same numbers as a
 * table for screen readers.
 */
export function FamilyChart({ family, current }: { family: QualityFamily; current: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const titleId = useId();
  const descId = useId();
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
  const maxSize = Math.max(...points.map((p) => p.sizeBytes));
  const w = frame.width - frame.left - frame.right;
  const h = frame.height - frame.top - frame.bottom;
  const x = (bytes: number) => frame.left + (bytes / maxSize) * w;
  const y = (kl: number) => frame.top + h - (kl / maxKl) * h;
  const kl = (v: number | null) => (v === null ? t('quantize.family.notMeasured') : new Intl.NumberFormat(format.locale, { maximumSignificantDigits: 3 }).format(v));
  const label = (p: (typeof points)[number]) =>
    `${p.isSource ? `${p.fileType} (${t('quantize.family.source')})` : p.fileType}${p.tokensPerSecond ? ` · ${format.tokenRate(p.tokensPerSecond)}` : ''}`;
  const summary = t('quantize.family.summary', { count: points.length, source: family.sourcePath });

  return (
    <Stack gap="xs" data-testid="family-chart">
      <Text size="sm" fw={500}>
        {t('quantize.family.title')}
      </Text>
      <svg viewBox={`0 0 ${frame.width} ${frame.height}`} width="100%" role="img" aria-labelledby={`${titleId} ${descId}`} style={{ maxWidth: frame.width, overflow: 'visible' }}>
        <title id={titleId}>{t('quantize.family.title')}</title>
        <desc id={descId}>{summary}</desc>
        <g fontSize={10} fill="var(--mantine-color-dimmed)">
          <line x1={frame.left} x2={frame.left + w} y1={frame.top + h} y2={frame.top + h} stroke="var(--mantine-color-default-border)" />
          <line x1={frame.left} x2={frame.left} y1={frame.top} y2={frame.top + h} stroke="var(--mantine-color-default-border)" />
          <text x={frame.left - 6} y={frame.top + 4} textAnchor="end">
            {kl(maxKl)}
          </text>
          <text x={frame.left - 6} y={frame.top + h} textAnchor="end">
            0
          </text>
          <text x={frame.left + w} y={frame.top + h + 14} textAnchor="end">
            {format.bytes(maxSize)}
          </text>
          <text x={frame.left + w / 2} y={frame.height - 6} textAnchor="middle">
            {t('quantize.family.axisSize')}
          </text>
          <text x={12} y={frame.top + h / 2} textAnchor="middle" transform={`rotate(-90 12 ${frame.top + h / 2})`}>
            {t('quantize.family.axisKl')}
          </text>
        </g>
        {points.map((p) => {
          const cx = x(p.sizeBytes);
          const cy = y(p.klDivergence ?? 0);
          const measured = p.klDivergence !== null;
          return (
            <g key={p.path} data-point={p.fileType}>
              <circle
                cx={cx}
                cy={cy}
                r={p.path === current ? 6 : 4}
                fill={measured ? 'var(--mantine-color-blue-6)' : 'none'}
                stroke="var(--mantine-color-blue-6)"
                strokeWidth={2}
              >
                <title>{`${label(p)}: ${format.bytes(p.sizeBytes)}, KL ${kl(p.klDivergence)}`}</title>
              </circle>
              <text x={cx + 8} y={cy - 6} fontSize={10} fill="var(--mantine-color-text)">
                {label(p)}
              </text>
            </g>
          );
        })}
      </svg>
      <details>
        <summary>
          <Text span size="sm">
            {summary}
          </Text>
        </summary>
        <Table fz="xs" withTableBorder mt="xs" data-testid="family-table">
          <Table.Tbody>
            {points.map((p) => (
              <Table.Tr key={p.path}>
                <Table.Th scope="row">{label(p)}</Table.Th>
                <Table.Td>{format.bytes(p.sizeBytes)}</Table.Td>
                <Table.Td>{kl(p.klDivergence)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </details>
    </Stack>
  );
}
