import { Group, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { GenerationStats } from '../../../../shared/contract';
import { useModelName } from '../../../state/connections';
import { useFormat } from '../../../ui/useFormat';

/** One line under an answer: how fast, how long, why it ended; the engine settings on hover. */
export function MessageStats({ stats }: { stats: GenerationStats }) {
  const { t } = useTranslation();
  const format = useFormat();
  const modelName = useModelName();
  const remote = stats.remote;
  const none = t('common.none');
  const parts = [
    stats.ttftMs !== null ? t('chat.stats.ttft', { value: format.duration(stats.ttftMs) }) : null,
    stats.promptTokensPerSecond !== null ? t('chat.stats.prompt', { value: format.tokenRate(stats.promptTokensPerSecond) }) : null,
    stats.generationTokensPerSecond !== null ? t('chat.stats.generation', { value: format.tokenRate(stats.generationTokensPerSecond) }) : null,
    t('chat.stats.tokens', { count: stats.generatedTokens, value: format.integer(stats.generatedTokens) }),
    t(`chat.stopReason.${stats.stopReason}`),
  ].filter((p): p is string => p !== null);

  const details = (
    <Stack gap={2}>
      {stats.model && <Text size="xs">{t('chat.stats.model', { value: modelName(stats.model) })}</Text>}
      {remote ? (
        <>
          <Text size="xs">{t('remote.stats.remote')}</Text>
          <Text size="xs">
            {[
              t('remote.stats.network', { value: format.duration(remote.headersMs) }),
              remote.rttMs !== null ? t('remote.stats.rtt', { value: format.duration(remote.rttMs) }) : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          {remote.serverGenerationTokensPerSecond !== null && (
            <Text size="xs">{t('remote.stats.server', { value: format.tokenRate(remote.serverGenerationTokensPerSecond) })}</Text>
          )}
          {remote.tokensCounted && <Text size="xs">{t('remote.stats.counted')}</Text>}
        </>
      ) : (
        <>
          <Text size="xs">{t('chat.stats.quantization', { value: stats.quantization ?? none })}</Text>
          <Text size="xs">
            {t('chat.stats.gpuLayers', { value: stats.gpuLayers !== null ? format.integer(stats.gpuLayers) : none })}
          </Text>
          <Text size="xs">
            {t('chat.stats.context', { value: stats.contextSize !== null ? format.integer(stats.contextSize) : none })}
          </Text>
          <Text size="xs">{t('chat.stats.threads', { value: stats.threads !== null ? format.integer(stats.threads) : none })}</Text>
        </>
      )}
      <Text size="xs">
        {t('chat.stats.promptTokens', { count: stats.promptTokens, value: format.integer(stats.promptTokens) })} ·{' '}
        {t('chat.stats.duration', { value: format.duration(stats.durationMs) })}
      </Text>
    </Stack>
  );

  return (
    <Tooltip label={details} multiline position="top-start" openDelay={250} events={{ hover: true, focus: true, touch: true }}>
      <Group
        gap={6}
        wrap="wrap"
        tabIndex={0}
        aria-label={`${t('chat.stats.label')}: ${parts.join(', ')}`}
        data-testid="message-stats"
        data-stop-reason={stats.stopReason}
        style={{ display: 'inline-flex', cursor: 'default' }}
      >
        {parts.map((part, i) => (
          <Text key={i} size="xs" c="dimmed" component="span">
            {i > 0 ? '· ' : ''}
            {part}
          </Text>
        ))}
      </Group>
    </Tooltip>
  );
}
