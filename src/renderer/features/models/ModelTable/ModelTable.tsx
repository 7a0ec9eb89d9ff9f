import { Group, Table } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { ModelFile } from '../../../../shared/contract';
import { ColumnChooser } from '../ColumnChooser/ColumnChooser';
import { useColumnsStore } from '../columnsStore';
import { InvalidRow } from '../InvalidRow/InvalidRow';
import { columnWidths, tableWidth, visibleColumns } from '../modelColumns';
import { ModelRow } from '../ModelRow/ModelRow';

interface ModelTableProps {
  files: readonly ModelFile[];
  /** Per file id, the other files with the same content (see findDuplicates). */
  duplicates?: ReadonlyMap<string, readonly ModelFile[]>;
  onOpen: (file: ModelFile) => void;
}

/**
 * The library as a table: name, size, fit and quantization always, then as many of the other
 * facts as the width holds (or the ones chosen under "Columns"); more than fits scrolls inside the
 * table, never the page.
 */
export function ModelTable({ files, duplicates, onOpen }: ModelTableProps) {
  const { t } = useTranslation();
  const { ref, width } = useElementSize();
  const choice = useColumnsStore((s) => s.choice);
  const columns = visibleColumns(choice, width);
  return (
    <div ref={ref} style={{ minWidth: 0 }}>
      <Group justify="flex-end" mb={4}>
        <ColumnChooser width={width} />
      </Group>
      <Table.ScrollContainer minWidth={tableWidth(columns)}>
        <Table highlightOnHover verticalSpacing="xs" fz="sm" aria-label={t('models.tableLabel')} data-testid="model-table" data-columns={columns.join(' ')}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((column) => (
                <Table.Th key={column} scope="col" style={{ whiteSpace: 'nowrap', minWidth: column === 'name' ? columnWidths.name : undefined }} data-column={column}>
                  {t(`models.columns.${column}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {files.map((file) =>
              file.problem || !file.facts ? (
                <InvalidRow
                  key={file.id}
                  file={{ ...file, problem: file.problem ?? { code: 'READ_FAILED', detail: '' } }}
                  span={columns.length - 2}
                  duplicates={duplicates?.get(file.id)}
                  onOpen={onOpen}
                />
              ) : (
                <ModelRow key={file.id} file={{ ...file, facts: file.facts }} columns={columns} duplicates={duplicates?.get(file.id)} onOpen={onOpen} />
              ),
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}
