import { Button, Group, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useModelName } from '../../../state/connections';
import type { SuiteCell, SuiteExportFormat, SuiteRun } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { describeError } from '../../../platform/errors';
import { Icon } from '../../../ui/Icon/Icon';
import { useFormat } from '../../../ui/useFormat';
import { CompareCharts } from '../CompareCharts/CompareCharts';
import { closeRun, exportRun } from '../suitesStore';

const formats: SuiteExportFormat[] = ['markdown', 'csv', 'json'];

/** A run's result matrix (prompts × models: output and numbers), its charts and its exports. */
export function SuiteResult({ run }: { run: SuiteRun }) {
  const { t } = useTranslation();
  const client = useClient();
  const cell = (p: number, m: number) => run.cells.find((c) => c.promptIndex === p && c.modelIndex === m);
  const modelName = useModelName();
  const names = run.models.map((ref) => modelName(ref));
  const series = names.map((label, m) => {
    const done = run.cells.filter((c) => c.modelIndex === m && c.status === 'done');
    return {
      label,
      generationRates: done.map((c) => c.stats?.generationTokensPerSecond ?? null),
      ttfts: done.map((c) => c.stats?.ttftMs ?? null),
      peaks: done.map((c) => c.peakRssBytes),
    };
  });

  return (
    <Stack gap="sm" data-testid="suite-result" data-id={run.id}>
      <Group justify="space-between">
        <Title order={3} size="h5">
          {run.name}
        </Title>
        <Group gap={4}>
          {formats.map((format) => (
            <Button key={format} size="compact-xs" variant="default" leftSection={<Icon name="download" size={12} />} onClick={() => void exportRun(client, run.id, format)} data-testid={`suite-export-${format}`}>
              {t(`compare.suites.export.${format}`)}
            </Button>
          ))}
          <Button size="compact-xs" variant="subtle" onClick={closeRun}>
            {t('common.close')}
          </Button>
        </Group>
      </Group>
      <ScrollArea type="auto">
        <Table withTableBorder withColumnBorders data-testid="suite-matrix" style={{ tableLayout: 'fixed', minWidth: 240 + names.length * 260 }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={240}>{t('compare.suites.prompt')}</Table.Th>
              {names.map((name, m) => (
                <Table.Th key={m}>{name}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {run.prompts.map((prompt, p) => (
              <Table.Tr key={p}>
                <Table.Td style={{ verticalAlign: 'top', whiteSpace: 'pre-wrap' }}>{prompt}</Table.Td>
                {names.map((_, m) => (
                  <Table.Td key={m} style={{ verticalAlign: 'top' }}>
                    <CellView cell={cell(p, m)} />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {run.cells.some((c) => c.status === 'done') && <CompareCharts series={series} testId="suite-charts" />}
    </Stack>
  );
}

function CellView({ cell }: { cell: SuiteCell | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!cell || cell.status === 'pending') {
    return (
      <Text size="xs" c="dimmed" data-testid="suite-cell" data-status="pending">
        {t('compare.suites.pending')}
      </Text>
    );
  }
  if (cell.status === 'error') {
    return (
      <Text size="xs" c="red" data-testid="suite-cell" data-status="error">
        {cell.error ? describeError(t, { code: cell.error.code, data: { detail: cell.error.detail } }) : t('errors.UNKNOWN', { code: '?' })}
      </Text>
    );
  }
  const s = cell.stats;
  return (
    <Stack gap={4} data-testid="suite-cell" data-status="done">
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxHeight: 180, overflow: 'auto' }}>
        {cell.output}
      </Text>
      <Text size="xs" c="dimmed">
        {[
          s?.ttftMs != null ? `${t('compare.metric.ttft')} ${format.duration(s.ttftMs)}` : null,
          s?.generationTokensPerSecond != null ? format.tokenRate(s.generationTokensPerSecond) : null,
          s ? t('compare.metric.tokensCount', { count: s.generatedTokens, value: format.integer(s.generatedTokens) }) : null,
          cell.peakRssBytes !== null ? `${t('compare.metric.peakMemory')} ${format.memory(cell.peakRssBytes)}` : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
    </Stack>
  );
}
