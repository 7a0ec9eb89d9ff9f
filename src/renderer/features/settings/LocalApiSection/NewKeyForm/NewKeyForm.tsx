import { Alert, Button, Group, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { reportCallError, useClient } from '../../../../platform/appStore';
import { describeCallError } from '../../../../platform/errors';
import { Icon } from '../../../../ui/Icon/Icon';
import { isValidKeyName } from '../inputRules';

type Problem = { kind: 'name' } | { kind: 'call'; error: unknown } | null;

/** Names and creates a key; the key itself goes to `onCreated`, which shows it once. */
export function NewKeyForm({ onCreated }: { onCreated: (created: { name: string; key: string }) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!isValidKeyName(draft)) return setProblem({ kind: 'name' });
    setBusy(true);
    setProblem(null);
    try {
      const { key, info } = await client.api.keys.create({ name: draft.trim() });
      setDraft('');
      onCreated({ name: info.name, key });
    } catch (error) {
      reportCallError(error);
      setProblem({ kind: 'call', error });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)}>
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <TextInput
          label={t('settings.localApi.keys.nameLabel')}
          placeholder={t('settings.localApi.keys.namePlaceholder')}
          value={draft}
          onChange={(e) => {
            setDraft(e.currentTarget.value);
            setProblem(null);
          }}
          error={problem !== null}
          maxLength={80}
          autoComplete="off"
          style={{ flex: 1 }}
          data-testid="api-key-name"
        />
        <Button type="submit" leftSection={<Icon name="plus" size={16} />} loading={busy} disabled={draft.trim() === ''} data-testid="api-key-create">
          {t('settings.localApi.keys.create')}
        </Button>
      </Group>
      {problem !== null && (
        <Alert color={problem.kind === 'name' ? 'yellow' : 'red'} variant="light" mt="xs" role="alert" data-testid="api-key-create-error">
          {problem.kind === 'name' ? t('settings.localApi.keys.nameInvalid') : describeCallError(t, problem.error)}
        </Alert>
      )}
    </form>
  );
}
