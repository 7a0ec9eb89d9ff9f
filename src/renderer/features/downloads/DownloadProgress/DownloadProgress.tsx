import { Group, Progress, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Download } from '../../../../shared/contract';
import { useFormat } from '../../../ui/useFormat';
import { currentPartOf, fileNameOf, stateColor } from '../downloadLabels';
import { formatEta } from '../formatEta';

/** The bar, then "received of total", and while bytes are moving: speed, time left and the part. */
export function DownloadProgress({ download }: { download: Download }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { state, receivedBytes, totalBytes, bytesPerSecond, etaSeconds } = download;
  const percent = totalBytes > 0 ? Math.min(100, Math.floor((receivedBytes * 100) / totalBytes)) : state === 'done' ? 100 : 0;
  const moving = state === 'downloading';
  const part = moving || state === 'verifying' ? currentPartOf(download) : null;

  return (
    <div>
      <Progress
        value={percent}
        color={stateColor[state]}
        // Checking the hash moves no bytes; the stripes say work is still going on.
        striped={state === 'verifying'}
        animated={state === 'verifying'}
        aria-label={t('downloads.progressLabel', { file: fileNameOf(download) })}
        data-testid="download-progress"
        data-received={receivedBytes}
        data-total={totalBytes}
      />
      <Group gap="md" mt={6}>
        <Text size="xs" c="dimmed" data-testid="download-bytes">
          {t('downloads.bytes', { received: format.bytes(receivedBytes), total: format.bytes(totalBytes) })}
        </Text>
        {moving && bytesPerSecond > 0 && (
          <Text size="xs" c="dimmed" data-testid="download-speed">
            {t('downloads.speed', { value: format.bytes(bytesPerSecond) })}
          </Text>
        )}
        {moving && etaSeconds !== null && (
          <Text size="xs" c="dimmed" data-testid="download-eta">
            {t('downloads.eta', { value: formatEta(etaSeconds, format.locale) })}
          </Text>
        )}
        {part !== null && (
          <Text size="xs" c="dimmed">
            {t('downloads.currentPart', { part, total: download.files.length })}
          </Text>
        )}
      </Group>
    </div>
  );
}
