import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelFile } from '../../../../shared/contract';
import { useFormat } from '../../../ui/useFormat';
import { DuplicateBadge } from '../DuplicateBadge/DuplicateBadge';
import { fileLabel } from '../duplicates';
import { Fact } from '../Fact/Fact';
import { FileNameCell } from '../FileNameCell/FileNameCell';
import classes from './FileRow.module.css';
import { openOnKey } from './openOnKey';

interface FileRowProps {
  file: ModelFile;
  invalid: boolean;
  /** Shown beside the file name (e.g. "Invalid"). */
  badge?: ReactNode;
  /** Other files with the same content. */
  duplicates?: readonly ModelFile[];
  onOpen: (file: ModelFile) => void;
  /** The cells after name and size. */
  children: ReactNode;
}

/**
 * One library row: name and size cells, then the caller's cells. The whole row opens the
 * inspector by click or Enter/Space, and carries the hooks the e2e tests read.
 */
export function FileRow({ file, invalid, badge, duplicates, onOpen, children }: FileRowProps) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Table.Tr
      className={classes.row}
      tabIndex={0}
      onClick={() => onOpen(file)}
      onKeyDown={openOnKey(() => onOpen(file))}
      aria-label={t('models.hint.openInspector', { file: fileLabel(file) })}
      data-testid="model-row"
      data-path={file.relativePath}
      data-invalid={String(invalid)}
    >
      <FileNameCell
        file={file}
        badge={
          <>
            {badge}
            {duplicates && duplicates.length > 0 && <DuplicateBadge others={duplicates} />}
          </>
        }
      />
      <Table.Td className={classes.num}>
        <Fact name="size" value={file.sizeBytes}>{format.bytes(file.sizeBytes)}</Fact>
      </Table.Td>
      {children}
    </Table.Tr>
  );
}

export { classes as fileRowClasses };
