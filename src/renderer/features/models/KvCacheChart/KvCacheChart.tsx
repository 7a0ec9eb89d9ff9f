import { Group, Stack, Table, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { KvCacheChart as Chart } from '../../../../shared/contract';
import { useFormat } from '../../../ui/useFormat';
import { byteTicks, contextLabel, visibleLabels, xScale, yScale, type Frame } from './chartScales';

/** Colour and dash per cache type, so the lines differ without colour too. */
const lineStyle = {
  F16: { color: 'var(--mantine-color-blue-6)', dash: undefined },
  Q8_0: { color: 'var(--mantine-color-teal-6)', dash: '7 4' },
  Q4_0: { color: 'var(--mantine-color-orange-6)', dash: '2 3' },
} as const;

const frame: Frame = { width: 420, height: 220, left: 64, right: 14, top: 12, bottom: 44 };

/**
 * KV-cache memory per context length, one line per cache type, as an inline SVG. Screen readers
 * get the title, a one-line summary and the same numbers as a table underneath.
 */
export function KvCacheChart({ chart }: { chart: Chart }) {
  const { t } = useTranslation();
  const format = useFormat();
  const titleId = useId();
  const descId = useId();
  const { contextSizes, series } = chart;
  const top = byteTicks(Math.max(0, ...series.flatMap((s) => s.bytes)));
  const x = xScale(contextSizes, frame);
  const y = yScale(top.at(-1) ?? 0, frame);
  const last = contextSizes.length - 1;
  const tokens = (n: number) => t('models.inspector.tokens', { value: format.integer(n) });
  const summary = t('models.kvCache.summary', {
    context: tokens(contextSizes[last] ?? 0),
    values: series.map((s) => `${s.type} ${format.memory(s.bytes[last] ?? 0)}`).join(', '),
  });
  const labelled = visibleLabels(contextSizes.map(x), 34);

  return (
    <Stack gap="xs" data-testid="kv-cache-chart">
      <svg
        viewBox={`0 0 ${frame.width} ${frame.height}`}
        width="100%"
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        style={{ maxWidth: frame.width, overflow: 'visible' }}
      >
        <title id={titleId}>{t('models.kvCache.title')}</title>
        <desc id={descId}>{summary}</desc>
        <g fontSize={10} fill="var(--mantine-color-dimmed)">
          {top.map((tick) => (
            <g key={tick}>
              <line x1={frame.left} x2={frame.width - frame.right} y1={y(tick)} y2={y(tick)} stroke="var(--mantine-color-default-border)" />
              <text x={frame.left - 6} y={y(tick) + 3} textAnchor="end">
                {format.memory(tick)}
              </text>
            </g>
          ))}
          {labelled.map((i) => (
            <text key={i} x={x(contextSizes[i]!)} y={frame.height - frame.bottom + 14} textAnchor="middle">
              {contextLabel(contextSizes[i]!, format.locale)}
            </text>
          ))}
          <text x={(frame.left + frame.width - frame.right) / 2} y={frame.height - 6} textAnchor="middle">
            {t('models.kvCache.xAxis')}
          </text>
        </g>
        {series.map((s) => {
          const style = lineStyle[s.type];
          const points = s.bytes.map((b, i) => `${x(contextSizes[i]!)},${y(b)}`).join(' ');
          return (
            <g key={s.type} data-series={s.type}>
              <polyline points={points} fill="none" stroke={style.color} strokeWidth={2} strokeDasharray={style.dash} />
              {s.bytes.map((b, i) => (
                <circle key={i} cx={x(contextSizes[i]!)} cy={y(b)} r={3} fill={style.color}>
                  <title>{`${s.type} · ${tokens(contextSizes[i]!)}: ${format.memory(b)}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      <Group gap="md" aria-hidden>
        {series.map((s) => (
          <Group key={s.type} gap={6} wrap="nowrap">
            <svg width={24} height={8}>
              <line x1={0} x2={24} y1={4} y2={4} stroke={lineStyle[s.type].color} strokeWidth={2} strokeDasharray={lineStyle[s.type].dash} />
            </svg>
            <Text size="xs">{s.type}</Text>
          </Group>
        ))}
      </Group>
      <details>
        <summary>
          <Text span size="sm">
            {t('models.kvCache.showTable')}
          </Text>
        </summary>
        <Table fz="xs" withTableBorder mt="xs" data-testid="kv-cache-table">
          <Table.Caption>{t('models.kvCache.title')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('models.kvCache.context')}</Table.Th>
              {series.map((s) => (
                <Table.Th key={s.type} scope="col" style={{ textAlign: 'right' }}>
                  {s.type}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {contextSizes.map((n, i) => (
              <Table.Tr key={n}>
                <Table.Th scope="row">{format.integer(n)}</Table.Th>
                {series.map((s) => (
                  <Table.Td key={s.type} style={{ textAlign: 'right' }} data-bytes={s.bytes[i]}>
                    {format.memory(s.bytes[i] ?? 0)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </details>
    </Stack>
  );
}
