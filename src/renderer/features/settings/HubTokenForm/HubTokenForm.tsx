import { Alert, Button, Group, PasswordInput, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HubStatus } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { describeCallError } from '../../../platform/errors';
import { Icon } from '../../../ui/Icon/Icon';

interface HubTokenFormProps {
  hasToken: boolean;
  onSaved: (status: HubStatus) => void;
}

/**
 * Saves or forgets the access token. The host never sends a token back, so this can only say
 * whether one is saved; the input is cleared once it is.
 */
export function HubTokenForm({ hasToken, onSaved }: HubTokenFormProps) {
  const { t } = useTranslation();
  const client = useClient();
  const [draft, setDraft] = useState('');
  const storing = useMutation({
    mutationFn: (token: string | null) => client.hub.setToken({ token }),
    onSuccess: (status) => {
      onSaved(status);
      setDraft('');
    },
  });
  const { isPending: busy, error } = storing;
  const store = (token: string | null) => storing.mutateAsync(token).catch(() => undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.trim()) void store(draft.trim());
  };

  return (
    <form onSubmit={submit}>
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <PasswordInput
          label={t('settings.hub.tokenLabel')}
          description={t('settings.hub.tokenHint')}
          placeholder={t('settings.hub.tokenPlaceholder')}
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          style={{ flex: 1 }}
          autoComplete="off"
          spellCheck={false}
          data-testid="hub-token-input"
        />
        <Button type="submit" loading={busy} disabled={draft.trim() === ''} data-testid="hub-token-save">
          {t('settings.hub.tokenSave')}
        </Button>
        <Button variant="default" color="red" disabled={busy || !hasToken} onClick={() => void store(null)} data-testid="hub-token-forget">
          {t('settings.hub.tokenForget')}
        </Button>
      </Group>
      <Group gap={6} mt="xs" c={hasToken ? 'green' : 'dimmed'}>
        {hasToken && <Icon name="check" size={16} />}
        <Text size="sm" c="inherit" role="status" data-testid="hub-token-status" data-has-token={String(hasToken)}>
          {t(hasToken ? 'settings.hub.tokenSaved' : 'settings.hub.tokenNone')}
        </Text>
      </Group>
      {error !== null && (
        <Alert color="red" variant="light" mt="xs" role="alert" data-testid="hub-token-error">
          {describeCallError(t, error)}
        </Alert>
      )}
    </form>
  );
}
