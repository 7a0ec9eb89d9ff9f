import { Badge, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BenchResult } from '../../../../shared/contract';
import { useFormat } from '../../../ui/useFormat';

/** One row per measurement: llama-bench's test name, the settings, mean ± deviation, and the share of the machine's limit. */
export function ResultsTable({ results, testId }: { results: readonly BenchResult[]; testId?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (results.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('bench.results.empty')}
      </Text>
    );
  }
  const number = (n: number) => new Intl.NumberFormat(format.locale, { maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(n);
  const percent = (n: number) => new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 1 }).format(n);
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('bench.results.test')}</Table.Th>
            <Table.Th>{t('bench.results.settings')}</Table.Th>
            <Table.Th ta="right">{t('bench.results.speed')}</Table.Th>
            <Table.Th ta="right">{t('bench.results.bytesPerToken')}</Table.Th>
            <Table.Th ta="right">
              <Tooltip label={t('bench.results.bandwidthHint')} multiline w={280}>
                <span>{t('bench.results.bandwidthShare')}</span>
              </Tooltip>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {results.map((r) => (
            <Table.Tr key={r.id} data-testid="bench-result" data-name={r.name} data-avg-ts={r.avgTs} data-stddev-ts={r.stddevTs} data-share={r.bandwidthShare ?? ''}>
              <Table.Td>
                {r.name}{' '}
                {r.disturbed && (
                  <Tooltip label={t('bench.results.disturbedHint')}>
                    <Badge size="xs" color="orange" variant="light">
                      {t('bench.results.disturbed')}
                    </Badge>
                  </Tooltip>
                )}
              </Table.Td>
              <Table.Td>
                {t('bench.results.settingsValue', {
                  threads: r.settings.threads,
                  batch: r.settings.batchSize,
                  ubatch: r.settings.ubatchSize,
                  kv: r.settings.kvCacheType,
                  fa: r.settings.flashAttention ? t('bench.results.fa') : '',
                  ngl: r.settings.gpuLayers,
                })}
              </Table.Td>
              <Table.Td ta="right" data-testid="bench-speed">
                {t('bench.results.speedValue', { mean: number(r.avgTs), sd: number(r.stddevTs) })}
              </Table.Td>
              <Table.Td ta="right">{r.bytesPerToken !== null ? format.bytes(r.bytesPerToken) : t('common.none')}</Table.Td>
              <Table.Td ta="right" data-testid="bench-share">
                {r.bandwidthShare !== null ? percent(r.bandwidthShare) : t('common.none')}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
