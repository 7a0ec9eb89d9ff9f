import { Badge, Table, Text } from '@mantine/core';
import type { GgufProblem, ModelFile } from '../../../../shared/contract';
import { useTranslation } from 'react-i18next';
import { FileRow } from '../FileRow/FileRow';

interface InvalidRowProps {
  file: ModelFile & { problem: GgufProblem };
  /** How many fact columns the reason spans. */
  span: number;
  duplicates?: readonly ModelFile[];
  onOpen: (file: ModelFile) => void;
}

/** A `.gguf` that could not be read: the translated reason, then the technical detail in small print. */
export function InvalidRow({ file, span, duplicates, onOpen }: InvalidRowProps) {
  const { t } = useTranslation();
  return (
    <FileRow
      file={file}
      invalid
      duplicates={duplicates}
      onOpen={onOpen}
      badge={
        <Badge size="sm" color="red" variant="light" data-testid="badge-invalid">
          {t('models.badge.invalid')}
        </Badge>
      }
    >
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
    </FileRow>
  );
}
