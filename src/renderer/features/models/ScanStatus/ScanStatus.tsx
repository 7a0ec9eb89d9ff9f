import { Alert, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeCallError } from '../../../platform/errors';
import { Icon } from '../../../ui/Icon/Icon';
import { useLibraryStore } from '../libraryStore';

/** A real progress bar (files read of files found) while scanning; the reason if the scan failed. */
export function ScanStatus() {
  const { t } = useTranslation();
  const scanning = useLibraryStore((s) => s.scanning);
  const progress = useLibraryStore((s) => s.progress);
  const error = useLibraryStore((s) => s.error);

  if (scanning) {
    const known = progress !== null && progress.total > 0;
    const percent = known ? Math.round((progress.done / progress.total) * 100) : 100;
    const label = known ? t('models.scanning', { done: progress.done, total: progress.total }) : t('models.scanningStart');
    return (
      <Stack gap={4} data-testid="scan-progress" data-done={progress?.done ?? 0} data-total={progress?.total ?? 0}>
        <Text size="sm">{label}</Text>
        <Progress value={percent} striped={!known} animated={!known} aria-label={label} size="md" />
        {progress?.current && (
          <Text size="xs" c="dimmed" truncate="start">
            {progress.current}
          </Text>
        )}
      </Stack>
    );
  }

  if (error) {
    return (
      <Alert color="red" variant="light" icon={<Icon name="warning" />} data-testid="scan-error">
        {t('models.scanFailed', { reason: describeCallError(t, error) })}
      </Alert>
    );
  }
  return null;
}
