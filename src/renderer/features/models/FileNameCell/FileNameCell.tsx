import { Group, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ModelFile } from '../../../../shared/contract';

/** The file's path inside its folder, with the folder underneath in small print. */
export function FileNameCell({ file, badge }: { file: ModelFile; badge?: ReactNode }) {
  return (
    <Table.Td style={{ maxWidth: 320 }}>
      <Group gap={8} wrap="nowrap">
        <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }} data-testid="model-file">
          {file.relativePath}
        </Text>
        {badge}
      </Group>
      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }} data-testid="model-folder">
        {file.folder}
      </Text>
    </Table.Td>
  );
}
