import { Anchor, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../../state/appStore';
import { downloadFor, isActiveDownload, startDownload, useDownloadsStore } from '../../../state/downloadsStore';
import { describeCallError } from '../../../platform/errors';
import { routeHref, startChatWithModel } from '../../../state/routes';

/** Download (or its progress, or "in your library") for one Hub file. */
export function DownloadCell({ repoId, path }: { repoId: string; path: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const download = useDownloadsStore((s) => downloadFor(s.downloads, repoId, path));
  const [error, setError] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);

  const start = async () => {
    setError(null);
    setStarting(true);
    try {
      await startDownload(client, repoId, path);
    } catch (e) {
      setError(e);
    } finally {
      setStarting(false);
    }
  };

  if (download?.state === 'done') {
    return (
      <Group gap="xs">
        <Text size="sm" c="green" data-testid="hub-downloaded">
          {t('hub.download.done')}
        </Text>
        <Button size="compact-sm" variant="light" onClick={() => void startChatWithModel(client, download.destination)} data-testid="hub-chat">
          {t('hub.download.chat')}
        </Button>
      </Group>
    );
  }
  if (download && (isActiveDownload(download) || download.state === 'paused')) {
    const percent = download.totalBytes > 0 ? (download.receivedBytes / download.totalBytes) * 100 : 0;
    return (
      <Stack gap={2} miw={160}>
        <Progress value={percent} size="sm" aria-label={t('hub.download.progress')} />
        <Anchor href={routeHref('downloads')} size="xs" data-testid="hub-download-state">
          {t(`hub.download.state.${download.state}`, { percent: Math.floor(percent) })}
        </Anchor>
      </Stack>
    );
  }
  return (
    <Stack gap={2}>
      <Button size="compact-sm" onClick={() => void start()} loading={starting} data-testid="hub-download">
        {download ? t('hub.download.again') : t('hub.download.start')}
      </Button>
      {error !== null && (
        <Text size="xs" c="red" maw={280} data-testid="hub-download-error">
          {describeCallError(t, error)}
        </Text>
      )}
    </Stack>
  );
}
