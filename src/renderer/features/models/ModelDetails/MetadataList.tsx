import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MetadataEntry } from '../../../../shared/contract';
import { useFormat } from '../../../ui/useFormat';

/** Every metadata key of the header, values as text; long arrays and strings summarised. */
export function MetadataList({ entries, total }: { entries: readonly MetadataEntry[]; total: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const show = (v: string | number | boolean) =>
    typeof v === 'number' ? (Number.isInteger(v) ? format.integer(v) : String(v)) : typeof v === 'boolean' ? String(v) : v;
  const value = (e: MetadataEntry): string => {
    if (e.arrayLength === null) return e.value === null ? '' : show(e.value) + (e.truncated ? ' …' : '');
    const items = e.items?.map(show).join(', ');
    const count = t('models.inspector.metadata.items', { count: e.arrayLength, formatted: format.integer(e.arrayLength) });
    return items ? `[${items}${e.truncated ? ', …' : ''}] (${count})` : `(${count})`;
  };
  return (
    <details data-testid="metadata-list">
      <summary>
        <Text span size="sm">
          {t('models.inspector.metadata.show', { count: total, formatted: format.integer(total) })}
        </Text>
      </summary>
      <Table fz="xs" mt="xs" layout="fixed">
        <Table.Tbody>
          {entries.map((e) => (
            <Table.Tr key={e.key} data-key={e.key}>
              <Table.Th scope="row" w="45%" style={{ overflowWrap: 'anywhere', fontWeight: 500 }}>
                {e.key}
              </Table.Th>
              <Table.Td ff="monospace" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                {value(e)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {total > entries.length && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('models.inspector.metadata.more', { count: total - entries.length })}
        </Text>
      )}
    </details>
  );
}
