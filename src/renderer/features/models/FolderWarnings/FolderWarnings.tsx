import { Alert, Anchor, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FolderStatus } from '../../../../shared/contract';
import { routeHref } from '../../../state/routes';
import { Icon } from '../../../ui/Icon/Icon';

/** Folders that could not be scanned (gone, forbidden, a file) and subfolders that were skipped. */
export function FolderWarnings({ folders }: { folders: readonly FolderStatus[] }) {
  const { t } = useTranslation();
  const messages: Array<{ key: string; path: string; text: string }> = [];
  for (const folder of folders) {
    if (folder.status !== 'ok') {
      messages.push({ key: `${folder.path}:status`, path: folder.path, text: t(`models.folders.${folder.status}`, { path: folder.path }) });
    }
    if (folder.unreadableSubfolders.length > 0) {
      messages.push({
        key: `${folder.path}:sub`,
        path: folder.path,
        text: t('models.folders.unreadableSubfolders', { path: folder.path, list: folder.unreadableSubfolders.join(', ') }),
      });
    }
  }
  if (messages.length === 0) return null;
  return (
    <Alert color="yellow" variant="light" icon={<Icon name="warning" />} title={t('models.folders.title')} data-testid="folder-warnings">
      <List size="sm" spacing={4}>
        {messages.map((m) => (
          <List.Item key={m.key} data-testid="folder-warning" data-path={m.path} style={{ overflowWrap: 'anywhere' }}>
            {m.text}
          </List.Item>
        ))}
      </List>
      <Text size="sm" mt="xs">
        <Anchor href={routeHref('settings')}>{t('models.folders.fix')}</Anchor>
      </Text>
    </Alert>
  );
}
