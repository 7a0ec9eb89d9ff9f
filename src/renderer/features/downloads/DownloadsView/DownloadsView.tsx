import { Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useDownloadsStore } from '../../../state/downloadsStore';
import { DownloadRow } from '../DownloadRow/DownloadRow';
import { DownloadsEmpty } from '../DownloadsEmpty/DownloadsEmpty';

/** The download queue, live from the session's subscription; newest first. */
export function DownloadsView() {
  const { t } = useTranslation();
  const downloads = useDownloadsStore((s) => s.downloads);
  const sorted = useMemo(() => (downloads ? [...downloads].sort((a, b) => b.createdAt - a.createdAt) : null), [downloads]);

  return (
    <Stack gap="md" maw={960}>
      <div>
        <Title order={1} size="h2">
          {t('downloads.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('downloads.subtitle')}
        </Text>
      </div>
      {sorted === null ? (
        <Center py="xl">
          <Loader aria-label={t('downloads.loading')} />
        </Center>
      ) : sorted.length === 0 ? (
        <DownloadsEmpty />
      ) : (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('downloads.listLabel')} data-testid="download-list">
          {sorted.map((download) => (
            <DownloadRow key={download.id} download={download} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
