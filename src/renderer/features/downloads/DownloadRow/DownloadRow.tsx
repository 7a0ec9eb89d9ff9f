import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Download } from '../../../../shared/contract';
import { DownloadActions } from '../DownloadActions/DownloadActions';
import { DownloadProgress } from '../DownloadProgress/DownloadProgress';
import { DownloadStatus } from '../DownloadStatus/DownloadStatus';
import { fileNameOf, stateColor } from '../downloadLabels';

/** One download: which model, how far along, what went wrong, and what can be done about it. */
export function DownloadRow({ download }: { download: Download }) {
  const { t } = useTranslation();
  const nameId = useId();
  const parts = download.files.length;
  return (
    <Paper
      component="li"
      withBorder
      p="md"
      aria-labelledby={nameId}
      data-testid="download-row"
      data-state={download.state}
      data-id={download.id}
      data-repo={download.repoId}
      data-path={download.primaryPath}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div style={{ minWidth: 0 }}>
            <Text fw={600} id={nameId} style={{ overflowWrap: 'anywhere' }} data-testid="download-file">
              {fileNameOf(download)}
            </Text>
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {download.repoId}
              {parts > 1 && ` · ${t('downloads.parts', { count: parts })}`}
            </Text>
          </div>
          <Badge color={stateColor[download.state]} variant="light" style={{ flexShrink: 0 }} data-testid="download-state">
            {t(`downloads.state.${download.state}`)}
          </Badge>
        </Group>
        {download.state !== 'cancelled' && <DownloadProgress download={download} />}
        <DownloadStatus download={download} />
        <DownloadActions download={download} />
      </Stack>
    </Paper>
  );
}
