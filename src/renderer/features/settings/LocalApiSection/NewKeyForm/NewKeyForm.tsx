import { Alert, Button, Group, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeCallError } from '../../../../platform/errors';
import { useOrpc } from '../../../../state/query';
import { Icon } from '../../../../ui/Icon/Icon';
import { isValidKeyName } from '../inputRules';
import { useApiKeysChanged } from '../useApiKeys';

type Problem = { kind: 'name' } | { kind: 'call'; error: unknown } | null;

/** Names and creates a key; the key itself goes to `onCreated`, which shows it once. */
export function NewKeyForm({ onCreated }: { onCreated: (created: { name: string; key: string }) => void }) {
  const { t } = useTranslation();
  const orpc = useOrpc();
  const changed = useApiKeysChanged();
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<Problem>(null);
  const create = useMutation(
    orpc.api.keys.create.mutationOptions({
      onSuccess: ({ key, info }) => {
        setDraft('');
        onCreated({ name: info.name, key });
        return changed();
      },
      onError: (error) => setProblem({ kind: 'call', error }),
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isValidKeyName(draft)) return setProblem({ kind: 'name' });
    setProblem(null);
    create.mutate({ name: draft.trim() });
  };

  return (
    <form onSubmit={submit}>
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
        <Button
          type="submit"
          leftSection={<Icon name="plus" size={16} />}
          loading={create.isPending}
          disabled={draft.trim() === ''}
          data-testid="api-key-create"
        >
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
