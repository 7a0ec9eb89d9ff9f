import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ModelFile } from '../../../../shared/contract';
import { InvalidRow } from '../InvalidRow/InvalidRow';
import { ModelRow } from '../ModelRow/ModelRow';

const columns = [
  'name',
  'size',
  'architecture',
  'kind',
  'parameters',
  'fileType',
  'contextLength',
  'blockCount',
  'heads',
  'experts',
  'slidingWindow',
  'fit',
] as const;

/** Columns after name and size, which an invalid row's reason spans. */
const FACT_COLUMNS = columns.length - 2;

interface ModelTableProps {
  files: readonly ModelFile[];
  /** Per file id, the other files with the same content (see findDuplicates). */
  duplicates?: ReadonlyMap<string, readonly ModelFile[]>;
  onOpen: (file: ModelFile) => void;
}

export function ModelTable({ files, duplicates, onOpen }: ModelTableProps) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={1080}>
      <Table highlightOnHover verticalSpacing="xs" fz="sm" aria-label={t('models.tableLabel')} data-testid="model-table">
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column} scope="col" style={{ whiteSpace: 'nowrap' }}>
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
                span={FACT_COLUMNS}
                duplicates={duplicates?.get(file.id)}
                onOpen={onOpen}
              />
            ) : (
              <ModelRow key={file.id} file={{ ...file, facts: file.facts }} duplicates={duplicates?.get(file.id)} onOpen={onOpen} />
            ),
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
