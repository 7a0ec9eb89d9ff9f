import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CompareResult, LoadedModel } from '../../../../shared/contract';
import { useGpuLayersText } from '../../../ui/gpuLayers';
import { useFormat } from '../../../ui/useFormat';

interface PaneMetricsProps {
  /** The pane's latest answer (null before the first). */
  result: CompareResult | null;
  /** The pane's engine now: current and peak memory, GPU layers. */
  model: LoadedModel | null;
  /** While an answer streams: time to first text as this window saw it (the engine's own figure follows). */
  liveTtftMs?: number | null;
  /** A remote engine answers: its memory and layers are the server's, not measured here. */
  remote?: boolean;
}

/** The numbers a comparison is for, always with units; run mode and settings hash beside them. */
export function PaneMetrics({ result, model, liveTtftMs = null, remote = false }: PaneMetricsProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const layersText = useGpuLayersText();
  const none = t('common.none');
  const streaming = liveTtftMs !== null;
  const s = streaming ? null : (result?.stats ?? null);
  const peak = model?.peakRssBytes ?? result?.peakRssBytes ?? null;
  const gpuLayers = model?.gpuLayers ?? s?.gpuLayers ?? null;
  const metrics: Array<[string, string, string]> = [
    [
      'ttft',
      t('compare.metric.ttft'),
      streaming ? t('compare.metric.approximate', { value: format.duration(liveTtftMs) }) : s?.ttftMs != null ? format.duration(s.ttftMs) : none,
    ],
    ['prompt', t('compare.metric.promptRate'), s?.promptTokensPerSecond != null ? format.tokenRate(s.promptTokensPerSecond) : none],
    ['generation', t('compare.metric.generationRate'), s?.generationTokensPerSecond != null ? format.tokenRate(s.generationTokensPerSecond) : none],
    ['tokens', t('compare.metric.tokens'), s ? format.integer(s.generatedTokens) : none],
    ['peak', t('compare.metric.peakMemory'), remote ? t('remote.state.remote') : peak !== null ? format.memory(peak) : none],
    [
      'gpu',
      t('compare.metric.gpuLayers'),
      remote ? t('remote.state.remote') : gpuLayers !== null ? layersText(gpuLayers, model?.totalLayers ?? null) : none,
    ],
  ];
  // A remote answer: the network's share and the server's own figure, beside the numbers measured here.
  if (s?.remote) {
    metrics.push(['network', t('compare.metric.network'), format.duration(s.remote.headersMs)]);
    if (s.remote.serverGenerationTokensPerSecond !== null) {
      metrics.push(['server', t('compare.metric.serverRate'), format.tokenRate(s.remote.serverGenerationTokensPerSecond)]);
    }
  }
  return (
    <Group gap="xs" wrap="wrap" data-testid="pane-metrics" aria-label={t('compare.metric.label')}>
      {metrics.map(([key, label, value]) => (
        <Text key={key} size="xs" c="dimmed" component="span" data-testid={`metric-${key}`} data-known={value !== none}>
          {label} <Text span size="xs" fw={600} c="var(--mantine-color-text)">{value}</Text>
        </Text>
      ))}
      {result && !streaming && (
        <>
          <Badge size="xs" variant="light" color={result.runMode === 'parallel' ? 'orange' : 'teal'} data-testid="metric-run-mode" data-mode={result.runMode}>
            {t(`compare.runMode.${result.runMode}`)}
          </Badge>
          {result.warmUp && (
            <Badge size="xs" variant="light" color="gray">
              {t('compare.options.warmUp')}
            </Badge>
          )}
          {result.settingsHash && (
            <Tooltip label={t('compare.metric.hashHint')}>
              <Text size="xs" c="dimmed" ff="monospace" tabIndex={0} data-testid="metric-hash">
                #{result.settingsHash.slice(0, 8)}
              </Text>
            </Tooltip>
          )}
        </>
      )}
    </Group>
  );
}
