import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BenchRun } from '../../../../shared/contract';
import { compareRuns } from '../../../../shared/bench/compareRuns';
import { useFormat } from '../../../ui/useFormat';

/** Two runs side by side, paired by test and settings, with the change in speed from A to B. */
export function CompareRuns({ a, b }: { a: BenchRun; b: BenchRun }) {
  const { t } = useTranslation();
  const format = useFormat();
  const rows = compareRuns(a.results, b.results);
  const number = (n: number) => new Intl.NumberFormat(format.locale, { maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(n);
  const change = (n: number) => new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(n);
  const cell = (side: { avgTs: number; stddevTs: number } | null) =>
    side ? t('bench.results.speedValue', { mean: number(side.avgTs), sd: number(side.stddevTs) }) : t('bench.compare.missing');
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table data-testid="bench-compare">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('bench.results.test')}</Table.Th>
            <Table.Th>{t('bench.results.settings')}</Table.Th>
            <Table.Th ta="right">{t('bench.compare.a', { when: format.dateTime(a.startedAt) })}</Table.Th>
            <Table.Th ta="right">{t('bench.compare.b', { when: format.dateTime(b.startedAt) })}</Table.Th>
            <Table.Th ta="right">{t('bench.compare.change')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key} data-testid="bench-compare-row" data-change={row.change ?? ''}>
              <Table.Td>{row.name}</Table.Td>
              <Table.Td>
                <Text size="sm">
                  {t('bench.results.settingsValue', {
                    threads: row.settings.threads,
                    batch: row.settings.batchSize,
                    ubatch: row.settings.ubatchSize,
                    kv: row.settings.kvCacheType,
                    fa: row.settings.flashAttention ? t('bench.results.fa') : '',
                    ngl: row.settings.gpuLayers,
                  })}
                </Text>
              </Table.Td>
              <Table.Td ta="right">{cell(row.a)}</Table.Td>
              <Table.Td ta="right">{cell(row.b)}</Table.Td>
              <Table.Td ta="right" c={row.change === null ? undefined : row.change >= 0 ? 'green' : 'red'}>
                {row.change === null ? t('bench.compare.missing') : change(row.change)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
