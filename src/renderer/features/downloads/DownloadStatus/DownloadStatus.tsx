import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Download } from '../../../../shared/contract';
import { downloadErrorText } from '../downloadLabels';
import { useSecondsUntil } from '../useSecondsUntil';

/** What the state alone does not say: the retry countdown, why it failed, or where it went. */
export function DownloadStatus({ download }: { download: Download }) {
  const { t } = useTranslation();
  const seconds = useSecondsUntil(download.state === 'retrying' ? download.retryAt : null);

  if (download.state === 'retrying') {
    const attempt = download.attempts + 1;
    return (
      <Text size="sm" c="orange" data-testid="download-retry" data-attempt={attempt}>
        {download.error && `${downloadErrorText(t, download).join(' ')} `}
        {seconds ? t('downloads.retryIn', { seconds, attempt }) : t('downloads.retryNow', { attempt })}
      </Text>
    );
  }

  if (download.state === 'failed' && download.error) {
    return (
      <Alert color="red" variant="light" p="xs" data-testid="download-error" data-code={download.error.code}>
        <Text size="sm">{downloadErrorText(t, download).join(' ')}</Text>
        {download.error.detail && (
          <Text size="xs" c="dimmed" ff="monospace" mt={4} style={{ overflowWrap: 'anywhere' }}>
            {t('downloads.detail', { detail: download.error.detail })}
          </Text>
        )}
      </Alert>
    );
  }

  if (download.state === 'done') {
    return (
      <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }} data-testid="download-destination">
        {t('downloads.savedTo', { path: download.destination })}
      </Text>
    );
  }

  return null;
}
