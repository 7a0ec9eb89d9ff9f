import { Box, Group, Paper, Table, Text, VisuallyHidden } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { byteTicks, extent, niceTicks, scale, visibleLabels, type Frame, type Scale, type ScaleKind } from './chartScales';

/** `data-*` attributes (test ids included) put on a drawn element, so tests and styles can find it. */
export type DataAttributes = Record<`data-${string}`, string | number | boolean | undefined>;

export interface BarDatum {
  label: string;
  value: number | null;
}

export interface XyPoint {
  x: number;
  y: number | null;
  /** Names the point in the table and, with `pointLabels`, on the chart. */
  label?: string;
  /** Drawn larger (the file shown, the current run…). */
  emphasis?: boolean;
  data?: DataAttributes;
}

export interface XySeries {
  key: string;
  name: string;
  points: XyPoint[];
  color?: string;
  /** SVG dash pattern, so series differ without colour too; by default each series gets its own. */
  dash?: string;
  /** Joins the points with a line (default); false draws points only. */
  line?: boolean;
  /** Draws points without a value hollow on the baseline instead of leaving them out. */
  showUnknown?: boolean;
  pointLabels?: boolean;
  data?: DataAttributes;
}

export interface Axis {
  title?: string;
  format: (value: number) => string;
  /** A longer form for the table (a run's date…); `format` otherwise. */
  tableFormat?: (value: number) => string;
  /** How a missing value reads in the table; "—" otherwise. */
  unknown?: string;
  scale?: ScaleKind;
  /** Round decimal steps, steps that read well in bytes, or a tick at every x in the data. */
  ticks?: 'decimal' | 'binary' | 'data';
}

interface CommonProps {
  title: string;
  /** A sentence for screen readers (the SVG's description), e.g. the values that matter most. */
  description?: string;
  /** False: the title is only the SVG's (and the table's caption), for a chart under its own heading. */
  showTitle?: boolean;
  /** In a bordered box (charts side by side) or bare (inside a section). */
  framed?: boolean;
  testId?: string;
  /** The numbers as a table: hidden for screen readers only, or behind a toggle for everyone. */
  table?: { mode: 'hidden' } | { mode: 'toggle'; label?: string; testId?: string };
  /** The table cells carry the raw value in this attribute. */
  valueAttribute?: `data-${string}`;
}

export type ChartProps = CommonProps &
  (
    | { kind: 'bar'; bars: BarDatum[]; format: (value: number) => string }
    | {
        kind: 'xy';
        series: XySeries[];
        x: Axis;
        y: Axis;
        frame?: Partial<Frame>;
        /** A table row per x value with a column per series, or a row per point. */
        tableBy: 'x' | 'point';
      }
  );

const PALETTE = ['blue', 'red', 'teal', 'orange', 'violet', 'cyan', 'pink', 'lime'].map((c) => `var(--mantine-color-${c}-6)`);
const DASHES = [undefined, '7 4', '2 3', '10 3 2 3'];
const BAR = { width: 340, row: 26, label: 120, valueRoom: 80 };
const XY_FRAME: Frame = { width: 420, height: 220, left: 64, right: 16, top: 12, bottom: 44 };
const LABEL_GAP = 34;

export const seriesColor = (s: XySeries, i: number) => s.color ?? PALETTE[i % PALETTE.length]!;
export const seriesDash = (s: XySeries, i: number) => s.dash ?? DASHES[Math.floor(i / PALETTE.length) % DASHES.length];

/**
 * Every chart in the app: horizontal bars, or lines and points on x/y axes with round ticks, drawn
 * as inline SVG, with the same numbers as a table so a screen reader (or anyone, when toggled)
 * gets them too. One place for scales, ticks, layout and the accessible table.
 */
export function Chart(props: ChartProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const descId = useId();
  const { title, description, showTitle = true, framed = false, testId, table = { mode: 'hidden' } } = props;
  const svgLabel = { role: 'img', 'aria-labelledby': titleId, 'aria-describedby': description ? descId : undefined } as const;
  const svgText = (
    <>
      {!showTitle && <title id={titleId}>{title}</title>}
      {description && <desc id={descId}>{description}</desc>}
    </>
  );
  const body = (
    <>
      {showTitle && (
        <Text size="sm" fw={500} id={titleId} mb={4}>
          {title}
        </Text>
      )}
      {props.kind === 'bar' ? (
        <BarPlot {...props} svgLabel={svgLabel} svgText={svgText} />
      ) : (
        <XyPlot {...props} svgLabel={svgLabel} svgText={svgText} />
      )}
      {table.mode === 'hidden' ? (
        <VisuallyHidden>
          <ChartTable {...props} />
        </VisuallyHidden>
      ) : (
        <details>
          <summary>
            <Text span size="sm">
              {table.label ?? t('chart.showTable')}
            </Text>
          </summary>
          <ChartTable {...props} />
        </details>
      )}
    </>
  );
  return framed ? (
    <Paper withBorder p="sm" data-testid={testId}>
      {body}
    </Paper>
  ) : (
    <Box data-testid={testId}>{body}</Box>
  );
}

interface PlotExtras {
  svgLabel: Record<string, string | undefined>;
  svgText: ReactNode;
}

function BarPlot({ bars, format, svgLabel, svgText }: Extract<ChartProps, { kind: 'bar' }> & PlotExtras) {
  const { t } = useTranslation();
  const [, max] = extent([0, ...bars.map((b) => b.value)]);
  const length = scale('linear', [0, max], 0, BAR.width - BAR.label - BAR.valueRoom);
  const height = bars.length * BAR.row + 4;
  return (
    <svg width="100%" viewBox={`0 0 ${BAR.width} ${height}`} style={{ maxWidth: BAR.width }} {...svgLabel}>
      {svgText}
      {bars.map((bar, i) => {
        const y = i * BAR.row + 2;
        // A known value is never invisible, however small beside the largest.
        const width = bar.value && max > 0 ? Math.max(2, length(bar.value)) : 0;
        return (
          <g key={`${bar.label}-${i}`} data-testid="chart-bar" data-value={bar.value ?? ''}>
            <text x={0} y={y + 16} fontSize={12} fill="currentColor">
              {bar.label.length > 18 ? `${bar.label.slice(0, 17)}…` : bar.label}
            </text>
            <rect x={BAR.label} y={y + 4} width={width} height={BAR.row - 10} rx={3} fill="var(--mantine-primary-color-filled)" />
            <text x={BAR.label + width + 6} y={y + 16} fontSize={12} fill="currentColor">
              {bar.value !== null ? format(bar.value) : t('common.none')}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Ticks for one axis, and the domain they imply (the last tick is the top of a counted axis). */
export function axisTicks(axis: Axis, values: readonly number[]): { ticks: number[]; domain: [number, number] } {
  if (axis.ticks === 'data') {
    const ticks = [...new Set(values)].sort((a, b) => a - b);
    const [lo, hi] = extent(ticks);
    return { ticks, domain: [lo, hi] };
  }
  const [, hi] = extent([0, ...values]);
  const ticks = axis.ticks === 'binary' ? byteTicks(hi) : niceTicks(hi);
  return { ticks, domain: [0, ticks.at(-1) ?? 0] };
}

function XyPlot({ series, x, y, frame: frameProps, svgLabel, svgText }: Extract<ChartProps, { kind: 'xy' }> & PlotExtras) {
  const frame = { ...XY_FRAME, ...frameProps };
  const xs = axisTicks(
    x,
    series.flatMap((s) => s.points.map((p) => p.x)),
  );
  const ys = axisTicks(
    y,
    series.flatMap((s) => s.points.flatMap((p) => (p.y === null ? [] : [p.y]))),
  );
  const px: Scale = scale(x.scale ?? 'linear', xs.domain, frame.left, frame.width - frame.right);
  const py: Scale = scale(y.scale ?? 'linear', ys.domain, frame.height - frame.bottom, frame.top);
  const bottom = frame.height - frame.bottom;
  const labelled = visibleLabels(xs.ticks.map(px), LABEL_GAP);
  return (
    <>
      <svg viewBox={`0 0 ${frame.width} ${frame.height}`} width="100%" style={{ maxWidth: frame.width, overflow: 'visible' }} {...svgLabel}>
        {svgText}
        <g fontSize={10} fill="var(--mantine-color-dimmed)">
          {ys.ticks.map((tick) => (
            <g key={tick}>
              <line
                x1={frame.left}
                x2={frame.width - frame.right}
                y1={py(tick)}
                y2={py(tick)}
                stroke="var(--mantine-color-default-border)"
              />
              <text x={frame.left - 6} y={py(tick) + 3} textAnchor="end">
                {y.format(tick)}
              </text>
            </g>
          ))}
          <line x1={frame.left} x2={frame.left} y1={frame.top} y2={bottom} stroke="var(--mantine-color-default-border)" />
          {labelled.map((i) => (
            <text key={i} x={px(xs.ticks[i]!)} y={bottom + 14} textAnchor="middle">
              {x.format(xs.ticks[i]!)}
            </text>
          ))}
          {x.title && (
            <text x={(frame.left + frame.width - frame.right) / 2} y={frame.height - 6} textAnchor="middle">
              {x.title}
            </text>
          )}
          {y.title && (
            <text x={12} y={(frame.top + bottom) / 2} textAnchor="middle" transform={`rotate(-90 12 ${(frame.top + bottom) / 2})`}>
              {y.title}
            </text>
          )}
        </g>
        {series.map((s, i) => {
          const color = seriesColor(s, i);
          const known = s.points.filter((p) => p.y !== null);
          const drawn = s.showUnknown ? s.points : known;
          return (
            <g key={s.key} {...s.data}>
              {s.line !== false && known.length > 1 && (
                <polyline
                  points={known.map((p) => `${px(p.x)},${py(p.y!)}`).join(' ')}
                  fill="none"
                  stroke={color}
                  strokeWidth={2}
                  strokeDasharray={seriesDash(s, i)}
                />
              )}
              {drawn.map((p, j) => {
                const cx = px(p.x);
                const cy = py(p.y ?? 0);
                return (
                  <g key={j} {...p.data}>
                    <circle
                      cx={cx}
                      cy={cy}
                      r={p.emphasis ? 6 : s.line === false ? 4 : 3}
                      fill={p.y === null ? 'none' : color}
                      stroke={color}
                      strokeWidth={2}
                    >
                      <title>{`${p.label ?? s.name}: ${x.format(p.x)}, ${p.y === null ? (y.unknown ?? '—') : y.format(p.y)}`}</title>
                    </circle>
                    {s.pointLabels && p.label && (
                      <text x={cx + 8} y={cy - 6} fontSize={10} fill="var(--mantine-color-text)">
                        {p.label}
                      </text>
                    )}
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      {series.length > 1 && <Legend series={series} />}
    </>
  );
}

/** Which line is which; hidden from screen readers, which get the table's headers instead. */
function Legend({ series }: { series: XySeries[] }) {
  return (
    <Group gap="md" mt={4} aria-hidden>
      {series.map((s, i) => (
        <Group key={s.key} gap={6} wrap="nowrap">
          <svg width={24} height={8}>
            <line x1={0} x2={24} y1={4} y2={4} stroke={seriesColor(s, i)} strokeWidth={2} strokeDasharray={seriesDash(s, i)} />
          </svg>
          <Text size="xs">{s.name}</Text>
        </Group>
      ))}
    </Group>
  );
}

/** The chart's numbers, every point of every series, with the chart's title as its caption. */
function ChartTable(props: ChartProps) {
  const { t } = useTranslation();
  const attr = props.valueAttribute ?? 'data-value';
  const cell = (key: string | number, value: number | null, text: string) => (
    <Table.Td key={key} style={{ textAlign: 'right' }} {...{ [attr]: value ?? '' }}>
      {text}
    </Table.Td>
  );
  let head: ReactNode = null;
  let rows: ReactNode;
  if (props.kind === 'bar') {
    rows = props.bars.map((b, i) => (
      <Table.Tr key={i}>
        <Table.Th scope="row">{b.label}</Table.Th>
        {cell('v', b.value, b.value === null ? t('common.none') : props.format(b.value))}
      </Table.Tr>
    ));
  } else {
    const { series, x, y } = props;
    const fx = x.tableFormat ?? x.format;
    const fy = (v: number | null) => (v === null ? (y.unknown ?? t('common.none')) : y.format(v));
    if (props.tableBy === 'x') {
      const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
      head = (
        <Table.Tr>
          <Table.Th scope="col">{x.title ?? t('chart.x')}</Table.Th>
          {series.map((s) => (
            <Table.Th key={s.key} scope="col" style={{ textAlign: 'right' }}>
              {s.name}
            </Table.Th>
          ))}
        </Table.Tr>
      );
      rows = xs.map((v) => (
        <Table.Tr key={v}>
          <Table.Th scope="row">{fx(v)}</Table.Th>
          {series.map((s) => {
            const value = s.points.find((p) => p.x === v)?.y ?? null;
            return cell(s.key, value, fy(value));
          })}
        </Table.Tr>
      ));
    } else {
      head = (
        <Table.Tr>
          <Table.Th scope="col">{t('chart.point')}</Table.Th>
          <Table.Th scope="col">{x.title ?? t('chart.x')}</Table.Th>
          <Table.Th scope="col" style={{ textAlign: 'right' }}>
            {y.title ?? t('chart.y')}
          </Table.Th>
        </Table.Tr>
      );
      rows = series.flatMap((s) =>
        s.points.map((p, j) => (
          <Table.Tr key={`${s.key}-${j}`}>
            <Table.Th scope="row">{p.label ?? s.name}</Table.Th>
            <Table.Td>{fx(p.x)}</Table.Td>
            {cell('y', p.y, fy(p.y))}
          </Table.Tr>
        )),
      );
    }
  }
  return (
    <Table fz="xs" withTableBorder mt="xs" data-testid={props.table?.mode === 'toggle' ? props.table.testId : undefined}>
      <Table.Caption>{props.title}</Table.Caption>
      {head && <Table.Thead>{head}</Table.Thead>}
      <Table.Tbody>{rows}</Table.Tbody>
    </Table>
  );
}
