import { Alert, Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { updateSettings, useSettings } from '../../../state/appStore';
import { describeCallError } from '../../../platform/errors';
import { Icon } from '../../../ui/Icon/Icon';
import { fileNameOf, folderOf } from '../openFile';

/**
 * A file the OS asked to open lies outside the model folders: only files inside them are read, so
 * the user is asked to add its folder (then the inspector opens once the scan finds it).
 */
export function OpenFileNotice({ path, onCancel }: { path: string; onCancel: () => void }) {
  const { t } = useTranslation();
  const { modelFolders } = useSettings();
  const folder = folderOf(path);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const add = async () => {
    setBusy(true);
    setError(null);
    try {
      await updateSettings({ modelFolders: [...modelFolders, folder] });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Alert color="yellow" variant="light" icon={<Icon name="folder" />} data-testid="open-file-notice" data-path={path}>
      <Text size="sm">{t('desktop.openFile.outside', { file: fileNameOf(path) })}</Text>
      <Group gap="xs" mt="sm">
        <Button size="compact-sm" loading={busy} onClick={() => void add()} data-testid="open-file-add-folder">
          {t('desktop.openFile.addFolder', { folder })}
        </Button>
        <Button size="compact-sm" variant="subtle" onClick={onCancel} data-testid="open-file-cancel">
          {t('desktop.openFile.cancel')}
        </Button>
      </Group>
      {error !== null && (
        <Text size="sm" c="red" mt="xs" role="alert">
          {describeCallError(t, error)}
        </Text>
      )}
    </Alert>
  );
}
