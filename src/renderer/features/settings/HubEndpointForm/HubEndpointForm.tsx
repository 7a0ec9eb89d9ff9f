import { Alert, Button, Group, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { updateSettings } from '../../../state/appStore';
import { describeCallError } from '../../../platform/errors';

/** Says what was wrong with the address in words, not zod's English issue text. */
function describeEndpointError(t: ReturnType<typeof useTranslation>['t'], error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'INVALID_INPUT' ? t('settings.hub.endpointInvalid') : describeCallError(t, error);
}

/**
 * The mirror setting; empty or "Use default" stores null (HF_ENDPOINT, else huggingface.co).
 * Mounted with the saved value as its key, so a change from elsewhere resets the draft.
 */
export function HubEndpointForm({ saved }: { saved: string | null }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(saved ?? '');
  const saving = useMutation({ mutationFn: (hubEndpoint: string | null) => updateSettings({ hubEndpoint }) });
  const { isPending: busy, error } = saving;
  const next = draft.trim() || null;
  const save = (hubEndpoint: string | null) => saving.mutateAsync(hubEndpoint).catch(() => undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(next);
  };

  return (
    <form onSubmit={submit}>
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <TextInput
          label={t('settings.hub.endpointLabel')}
          description={t('settings.hub.endpointHint')}
          placeholder={t('settings.hub.endpointPlaceholder')}
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          error={error !== null}
          style={{ flex: 1 }}
          // Not type="url": the browser would block the form with its own untranslated message.
          inputMode="url"
          spellCheck={false}
          autoComplete="off"
          data-testid="hub-endpoint-input"
        />
        <Button type="submit" loading={busy} disabled={next === saved} data-testid="hub-endpoint-save">
          {t('settings.hub.save')}
        </Button>
        <Button variant="default" disabled={busy || saved === null} onClick={() => void save(null)} data-testid="hub-endpoint-default">
          {t('settings.hub.useDefault')}
        </Button>
      </Group>
      {error !== null && (
        <Alert color="red" variant="light" mt="xs" role="alert" data-testid="hub-endpoint-error">
          {describeEndpointError(t, error)}
        </Alert>
      )}
    </form>
  );
}
