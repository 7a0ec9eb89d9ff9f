import { Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import type { ModelFile } from '../../../../shared/contract';
import { fileLabel } from '../duplicates';

/** The file's path inside its folder (or its Ollama model name), with the folder underneath in small print. */
export function FileNameCell({ file, badge }: { file: ModelFile; badge?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Table.Td style={{ maxWidth: 320 }}>
      <Group gap={8} wrap="wrap">
        <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }} data-testid="model-file">
          {fileLabel(file)}
        </Text>
        {badge}
        {file.splitParts && (
          <Badge size="xs" variant="outline" data-testid="split-parts">
            {t('models.splitParts', { count: file.splitParts })}
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }} data-testid="model-folder">
        {file.folder}
      </Text>
    </Table.Td>
  );
}
