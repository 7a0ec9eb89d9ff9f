import { Badge, Table, Text } from '@mantine/core';
import type { GgufProblem, ModelFile } from '../../../../shared/contract';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/useFormat';
import { Fact } from '../Fact/Fact';
import { FileNameCell } from '../FileNameCell/FileNameCell';
import classes from '../ModelRow/ModelRow.module.css';
import { openOnKey } from '../ModelRow/openOnKey';

interface InvalidRowProps {
  file: ModelFile & { problem: GgufProblem };
  /** How many fact columns the reason spans. */
  span: number;
  onOpen: (file: ModelFile) => void;
}

/** A `.gguf` that could not be read: the translated reason, then the technical detail in small print. */
export function InvalidRow({ file, span, onOpen }: InvalidRowProps) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Table.Tr
      className={classes.row}
      tabIndex={0}
      onClick={() => onOpen(file)}
      onKeyDown={openOnKey(() => onOpen(file))}
      aria-label={t('models.hint.openInspector', { file: file.relativePath })}
      data-testid="model-row"
      data-path={file.relativePath}
      data-invalid="true"
    >
      <FileNameCell
        file={file}
        badge={
          <Badge size="sm" color="red" variant="light" data-testid="badge-invalid">
            {t('models.badge.invalid')}
          </Badge>
        }
      />
      <Table.Td className={classes.num}>
        <Fact name="size" value={file.sizeBytes}>{format.bytes(file.sizeBytes)}</Fact>
      </Table.Td>
      <Table.Td colSpan={span} data-testid="problem-reason" data-code={file.problem.code}>
        <Text size="sm" c="var(--mantine-color-red-text)" data-testid="problem-text">
          {t(`gguf.problem.${file.problem.code}`)}
        </Text>
        {file.problem.detail && (
          <Text size="xs" c="dimmed" ff="monospace" data-testid="problem-detail" style={{ overflowWrap: 'anywhere' }}>
            {file.problem.detail}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
