import { ActionIcon, Alert, Button, Code, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { updateSettings, useSettings, useSystemInfo } from '../../../state/appStore';
import { describeCallError } from '../../../platform/errors';
import { Icon } from '../../../ui/Icon/Icon';
import { Section } from '../../../ui/Section/Section';

type Problem = { kind: 'error'; error: unknown } | { kind: 'duplicate' } | null;

export function FoldersSection() {
  const { t } = useTranslation();
  const { modelFolders } = useSettings();
  const { modelsDir } = useSystemInfo();
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);

  const save = async (folders: string[]): Promise<boolean> => {
    setBusy(true);
    setProblem(null);
    try {
      await updateSettings({ modelFolders: folders });
      return true;
    } catch (error) {
      setProblem({ kind: 'error', error });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const path = draft.trim();
    if (!path) return;
    if (modelFolders.includes(path) || path === modelsDir) {
      setProblem({ kind: 'duplicate' });
      return;
    }
    if (await save([...modelFolders, path])) setDraft('');
  };

  return (
    <Section title={t('settings.folders.title')} description={t('settings.folders.description')} testId="folders-section">
      <div>
        <Text size="sm" fw={500}>
          {t('settings.folders.defaultLabel')}
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Icon name="folder" />
          <Code data-testid="default-folder" style={{ overflowWrap: 'anywhere' }}>
            {modelsDir}
          </Code>
        </Group>
        <Text size="xs" c="dimmed" mt={4}>
          {t('settings.folders.defaultHint')}
        </Text>
      </div>

      <div>
        <Text size="sm" fw={500} mb={4}>
          {t('settings.folders.extraLabel')}
        </Text>
        {modelFolders.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="folders-empty">
            {t('settings.folders.none')}
          </Text>
        ) : (
          <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: 'none' }}>
            {modelFolders.map((folder) => (
              <Group component="li" key={folder} gap="xs" wrap="nowrap" data-testid="folder-item" data-path={folder}>
                <Icon name="folder" />
                <Text size="sm" ff="monospace" style={{ flex: 1, overflowWrap: 'anywhere' }}>
                  {folder}
                </Text>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('settings.folders.remove', { path: folder })}
                  disabled={busy}
                  onClick={() => void save(modelFolders.filter((f) => f !== folder))}
                  data-testid="folder-remove"
                >
                  <Icon name="trash" size={16} />
                </ActionIcon>
              </Group>
            ))}
          </Stack>
        )}
      </div>

      <form onSubmit={(e) => void add(e)}>
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <TextInput
            label={t('settings.folders.inputLabel')}
            description={t('settings.folders.inputHint')}
            placeholder={t('settings.folders.inputPlaceholder')}
            value={draft}
            onChange={(e) => setDraft(e.currentTarget.value)}
            style={{ flex: 1 }}
            spellCheck={false}
            autoComplete="off"
            data-testid="folder-input"
          />
          <Button
            type="submit"
            leftSection={<Icon name="plus" size={16} />}
            loading={busy}
            disabled={draft.trim() === ''}
            data-testid="folder-add"
          >
            {t('settings.folders.add')}
          </Button>
        </Group>
      </form>

      {problem && (
        <Alert color={problem.kind === 'duplicate' ? 'yellow' : 'red'} variant="light" data-testid="settings-error" role="alert">
          {problem.kind === 'duplicate' ? t('settings.folders.duplicate') : describeCallError(t, problem.error)}
        </Alert>
      )}
    </Section>
  );
}
