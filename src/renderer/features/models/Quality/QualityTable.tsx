import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { QualityResult } from '../../../../shared/contract';
import { useFormat } from '../../../ui/useFormat';

const decimals = (n: number, digits: number, locale: string) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);

/** Saved measurements of one file, newest first, beside its size and generation speed. */
export function QualityTable({ results }: { results: QualityResult[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (results.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('quantize.quality.none')}
      </Text>
    );
  }
  const col = (k: string) => t(`quantize.quality.column.${k}`);
  return (
    <>
      <Table fz="xs" withTableBorder data-testid="quality-results">
        <Table.Thead>
          <Table.Tr>
            {['when', 'sample', 'kl', 'ppl', 'refPpl', 'agreement', 'speed', 'size'].map((k) => (
              <Table.Th key={k} scope="col">
                {col(k)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {results.map((r) => (
            <Table.Tr key={r.id} data-testid="quality-result" data-kl={r.klDivergence}>
              <Table.Td>{format.dateTime(r.measuredAt)}</Table.Td>
              <Table.Td>{t(`quantize.quality.samples.${r.sample}`)}</Table.Td>
              <Table.Td>{decimals(r.klDivergence, 5, format.locale)}</Table.Td>
              <Table.Td>{decimals(r.perplexity, 2, format.locale)}</Table.Td>
              <Table.Td>{decimals(r.referencePerplexity, 2, format.locale)}</Table.Td>
              <Table.Td>{`${decimals(r.topTokenAgreement * 100, 1, format.locale)} %`}</Table.Td>
              <Table.Td>{r.tokensPerSecond === null ? '—' : format.tokenRate(r.tokensPerSecond)}</Table.Td>
              <Table.Td>{format.bytes(r.sizeBytes)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        {t('quantize.quality.klHint')}
      </Text>
    </>
  );
}
