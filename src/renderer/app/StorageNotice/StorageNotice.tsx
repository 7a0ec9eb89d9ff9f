import { Alert, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSystemInfo } from '../../state/appStore';
import { Icon } from '../../ui/Icon/Icon';

/** Tells the user, once per session, that their database was damaged and what was done about it. */
export function StorageNotice() {
  const { t } = useTranslation();
  const notice = useSystemInfo().storageNotice;
  const [dismissed, setDismissed] = useState(false);
  if (!notice || dismissed) return null;
  return (
    <Alert
      mb="lg"
      color="yellow"
      variant="light"
      icon={<Icon name="warning" />}
      title={t('app.storageNotice.title')}
      withCloseButton
      closeButtonLabel={t('app.storageNotice.dismiss')}
      onClose={() => setDismissed(true)}
      data-testid="storage-notice"
      data-kind={notice.kind}
    >
      <Text size="sm">{t(`app.storageNotice.${notice.kind}`, { file: notice.damagedFile })}</Text>
      {notice.backupFile && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('app.storageNotice.backup', { file: notice.backupFile })}
        </Text>
      )}
    </Alert>
  );
}
