import { Paper, Text, VisuallyHidden } from '@mantine/core';
import { useId } from 'react';

export interface MetricBar {
  label: string;
  value: number | null;
}

interface MetricChartProps {
  title: string;
  bars: MetricBar[];
  /** Formats a value with its unit ("14.2 tok/s"). */
  format: (value: number) => string;
  testId?: string;
}

const ROW = 26;
const LABEL_WIDTH = 120;
const WIDTH = 340;
const none = '—';

/**
 * Horizontal bars drawn as inline SVG (no chart library): one bar per model, the value written
 * beside it. Screen readers get the same numbers as a table.
 */
export function MetricChart({ title, bars, format, testId }: MetricChartProps) {
  const titleId = useId();
  const max = Math.max(0, ...bars.map((b) => b.value ?? 0));
  const barSpace = WIDTH - LABEL_WIDTH - 80;
  const height = bars.length * ROW + 4;
  return (
    <Paper withBorder p="sm" data-testid={testId}>
      <Text size="sm" fw={500} id={titleId} mb={4}>
        {title}
      </Text>
      <svg width="100%" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={titleId} style={{ maxWidth: WIDTH }}>
        {bars.map((bar, i) => {
          const y = i * ROW + 2;
          const width = bar.value && max > 0 ? Math.max(2, (bar.value / max) * barSpace) : 0;
          return (
            <g key={`${bar.label}-${i}`} data-testid="chart-bar" data-value={bar.value ?? ''}>
              <text x={0} y={y + 16} fontSize={12} fill="currentColor">
                {bar.label.length > 18 ? `${bar.label.slice(0, 17)}…` : bar.label}
              </text>
              <rect x={LABEL_WIDTH} y={y + 4} width={width} height={ROW - 10} rx={3} fill="var(--mantine-primary-color-filled)" />
              <text x={LABEL_WIDTH + width + 6} y={y + 16} fontSize={12} fill="currentColor">
                {bar.value !== null ? format(bar.value) : none}
              </text>
            </g>
          );
        })}
      </svg>
      <VisuallyHidden>
        <table>
          <caption>{title}</caption>
          <tbody>
            {bars.map((bar, i) => (
              <tr key={i}>
                <th scope="row">{bar.label}</th>
                <td>{bar.value !== null ? format(bar.value) : none}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </VisuallyHidden>
    </Paper>
  );
}
