import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { HubFileGroup, HubModelDetails } from '../../../../shared/contract';
import { useFormat } from '../../../ui/useFormat';
import { DownloadCell } from '../DownloadCell/DownloadCell';
import { RemoteFitCell } from '../RemoteFitCell/RemoteFitCell';

/** One downloadable model file (or split set): quantization, size, fit here, download. */
export function FileGroupRow({ model, group, contextSize }: { model: HubModelDetails; group: HubFileGroup; contextSize: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = group.primaryPath.split('/').pop() ?? group.primaryPath;
  return (
    <Table.Tr data-testid="hub-file" data-path={group.primaryPath}>
      <Table.Td>
        <Text size="sm" ff="monospace" title={group.primaryPath}>
          {name}
        </Text>
        {group.files.length > 1 && (
          <Text size="xs" c="dimmed">
            {t('hub.files.parts', { count: group.files.length })}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {group.quantization ? (
          <Badge variant="outline" size="sm">
            {group.quantization}
          </Badge>
        ) : (
          t('common.none')
        )}
      </Table.Td>
      <Table.Td ta="right">{format.bytes(group.totalBytes)}</Table.Td>
      <Table.Td>
        <RemoteFitCell repoId={model.id} revision={model.sha} path={group.primaryPath} contextSize={contextSize} />
      </Table.Td>
      <Table.Td>
        <DownloadCell repoId={model.id} path={group.primaryPath} />
      </Table.Td>
    </Table.Tr>
  );
}
