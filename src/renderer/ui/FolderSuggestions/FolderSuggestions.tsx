import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SuggestedFolder } from '../../../shared/contract';
import { updateSettings, useAppStore, useClient } from '../../state/appStore';
import { describeCallError } from '../../platform/errors';
import { useOrpc } from '../../state/query';
import { Icon } from '../Icon/Icon';

/**
 * LM Studio, Ollama and Jan folders found on this machine, each offered with "Add" (used in place,
 * nothing copied) or "Not now" (not offered again). Nothing is added without a click.
 */
export function FolderSuggestions() {
  const { t } = useTranslation();
  const client = useClient();
  const modelFolders = useAppStore((s) => s.settings?.modelFolders);
  const orpc = useOrpc();
  const queryClient = useQueryClient();
  // Keyed by the folders: one added here or elsewhere is no longer a suggestion.
  const queryKey = [...orpc.library.suggestedFolders.queryKey(), { folders: modelFolders ?? [] }];
  const suggestions = useQuery(orpc.library.suggestedFolders.queryOptions({ queryKey })).data ?? [];
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  if (suggestions.length === 0) return null;

  const act = async (path: string, action: () => Promise<unknown>) => {
    setBusy(path);
    setError(null);
    try {
      await action();
      queryClient.setQueryData<SuggestedFolder[]>(queryKey, (list) => list?.filter((s) => s.path !== path));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Alert color="blue" variant="light" icon={<Icon name="folder" />} title={t('desktop.folders.title')} data-testid="folder-suggestions">
      <Text size="sm" mb="sm">
        {t('desktop.folders.body')}
      </Text>
      <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
        {suggestions.map(({ app, path }) => {
          const name = t(`desktop.folders.apps.${app}`);
          return (
            <Group component="li" key={path} gap="sm" wrap="nowrap" data-testid="folder-suggestion" data-app={app} data-path={path}>
              <Text size="sm" fw={600} miw={80}>
                {name}
              </Text>
              <Code style={{ flex: 1, overflowWrap: 'anywhere' }}>{path}</Code>
              <Button
                size="compact-sm"
                leftSection={<Icon name="plus" size={14} />}
                loading={busy === path}
                disabled={busy !== null}
                aria-label={t('desktop.folders.addLabel', { app: name, path })}
                onClick={() => void act(path, () => updateSettings({ modelFolders: [...(modelFolders ?? []), path] }))}
                data-testid="folder-suggestion-add"
              >
                {t('desktop.folders.add')}
              </Button>
              <Button
                size="compact-sm"
                variant="subtle"
                disabled={busy !== null}
                aria-label={t('desktop.folders.dismissLabel', { app: name, path })}
                onClick={() => void act(path, () => client.library.dismissSuggestedFolder({ path }))}
                data-testid="folder-suggestion-dismiss"
              >
                {t('desktop.folders.dismiss')}
              </Button>
            </Group>
          );
        })}
      </Stack>
      {error !== null && (
        <Text size="sm" c="red" mt="sm" role="alert" data-testid="folder-suggestion-error">
          {describeCallError(t, error)}
        </Text>
      )}
    </Alert>
  );
}
