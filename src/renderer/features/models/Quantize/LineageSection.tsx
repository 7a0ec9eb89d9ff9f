import { DataList, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Lineage } from '../../../../shared/contract';
import { useFormat } from '../../../ui/useFormat';

/** Where a file Caliper produced came from; nothing is shown for other files. */
export function LineageSection({ lineage }: { lineage: Lineage | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!lineage) return null;
  const options = [
    t('quantize.lineage.optionsValue', { count: lineage.options.threads, threads: format.integer(lineage.options.threads) }),
    lineage.options.imatrixPath ? t('quantize.lineage.imatrix', { path: lineage.options.imatrixPath }) : null,
    lineage.options.requantized ? t('quantize.lineage.requantized') : null,
  ].filter(Boolean);
  const rows: Array<[string, string, string]> = [
    ['source', t('quantize.lineage.source'), lineage.sourcePath],
    ['sourceSha256', t('quantize.lineage.sourceSha256'), lineage.sourceSha256],
    ['type', t('quantize.lineage.type'), t('quantize.lineage.from', { from: lineage.sourceFileType, to: lineage.type })],
    ['options', t('quantize.lineage.options'), options.join(', ')],
    ['duration', t('quantize.lineage.duration'), format.duration(lineage.durationMs)],
    ['created', t('quantize.lineage.created'), format.dateTime(lineage.createdAt)],
  ];
  return (
    <section data-testid="lineage">
      <Title order={3} size="h5" mb="xs">
        {t('quantize.lineage.title')}
      </Title>
      <DataList labelWidth={160} withDivider size="sm">
        {rows.map(([name, label, value]) => (
          <DataList.Item key={name} data-lineage={name}>
            <DataList.ItemLabel>{label}</DataList.ItemLabel>
            <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>{value}</DataList.ItemValue>
          </DataList.Item>
        ))}
      </DataList>
    </section>
  );
}
