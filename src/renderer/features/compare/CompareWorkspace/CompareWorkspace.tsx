import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useModelName } from '../../../state/connections';
import type { Comparison } from '../../../../shared/contract';
import { useFormat } from '../../../ui/useFormat';
import { Icon } from '../../../ui/Icon/Icon';
import { closeComparison, exportCurrent } from '../compareStore';
import { useClient } from '../../../state/appStore';
import { BroadcastComposer } from '../BroadcastComposer/BroadcastComposer';
import { CompareCharts } from '../CompareCharts/CompareCharts';
import { CompareOptionsBar } from '../CompareOptionsBar/CompareOptionsBar';
import { ComparePane } from '../ComparePane/ComparePane';
import { PaneGroup } from '../PaneGroup/PaneGroup';
import { VoteBar } from '../VoteBar/VoteBar';

const exportFormats = ['markdown', 'csv', 'json'] as const;

/** The comparison being run or reopened: options, the panes side by side, one composer, charts. */
export function CompareWorkspace({ comparison, onShowLeaderboard }: { comparison: Comparison; onShowLeaderboard: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const modelName = useModelName();
  const client = useClient();
  const hidden = comparison.options.blind && !comparison.revealed;
  const series = comparison.panes.map((p) => {
    const mine = comparison.results.filter((r) => r.position === p.position && r.status === 'complete');
    return {
      label: hidden ? t('compare.pane.blindName', { label: p.label }) : `${p.label} · ${p.model ? modelName(p.model) : '—'}`,
      generationRates: mine.map((r) => r.stats?.generationTokensPerSecond ?? null),
      ttfts: mine.map((r) => r.stats?.ttftMs ?? null),
      peaks: mine.map((r) => r.peakRssBytes),
    };
  });

  return (
    <Stack gap="sm" data-testid="compare-workspace" data-id={comparison.id} data-blind={comparison.options.blind}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <div>
          <Title order={2} size="h4">
            {comparison.options.blind ? t('compare.blindTitle') : comparison.title || t('compare.untitled')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('compare.created', { when: format.dateTime(comparison.createdAt) })}
          </Text>
        </div>
        <Group gap={4} wrap="wrap">
          {comparison.results.length > 0 && (
            <Group gap={4} wrap="nowrap" role="group" aria-label={t('compare.export.label')}>
              {exportFormats.map((f) => (
                <Button
                  key={f}
                  size="xs"
                  variant="default"
                  leftSection={<Icon name="download" size={12} />}
                  onClick={() => void exportCurrent(client, f)}
                  aria-label={t('compare.export.as', { format: t(`compare.suites.export.${f}`) })}
                  data-testid={`compare-export-${f}`}
                >
                  {t(`compare.suites.export.${f}`)}
                </Button>
              ))}
            </Group>
          )}
          <Button
            variant="default"
            size="xs"
            leftSection={<Icon name="plus" size={14} />}
            onClick={closeComparison}
            data-testid="compare-new"
          >
            {t('compare.new')}
          </Button>
        </Group>
      </Group>
      <CompareOptionsBar comparison={comparison} />
      <PaneGroup labels={comparison.panes.map((p) => p.label)}>
        {comparison.panes.map((pane) => (
          <ComparePane key={pane.position} pane={pane} hidden={hidden} blind={comparison.options.blind} />
        ))}
      </PaneGroup>
      {comparison.options.blind && <VoteBar comparison={comparison} onShowLeaderboard={onShowLeaderboard} />}
      <BroadcastComposer />
      {comparison.results.length > 0 && <CompareCharts series={series} testId="compare-charts" />}
    </Stack>
  );
}
