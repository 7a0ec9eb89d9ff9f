import { Alert, Button, Group, NativeSelect, NumberInput, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultBaseUrls, ServerKindSchema, type Connection, type ServerKind } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { putConnection } from '../../../state/connections';
import { describeCallError } from '../../../platform/errors';

interface ConnectionFormProps {
  /** Absent: a new connection. */
  connection?: Connection;
  onDone: (saved: Connection | null) => void;
}

/** Adds or edits a remote engine: the server kind fills in its usual address until the user types one. */
export function ConnectionForm({ connection, onDone }: ConnectionFormProps) {
  const { t } = useTranslation();
  const client = useClient();
  const [kind, setKind] = useState<ServerKind>(connection?.kind ?? 'vllm');
  const [name, setName] = useState(connection?.name ?? '');
  const [baseUrl, setBaseUrl] = useState(connection?.baseUrl ?? defaultBaseUrls.vllm);
  const [urlEdited, setUrlEdited] = useState(connection !== undefined);
  const [apiKey, setApiKey] = useState('');
  const [firstByte, setFirstByte] = useState(connection?.firstByteTimeoutSeconds ?? 120);
  const [idle, setIdle] = useState(connection?.idleTimeoutSeconds ?? 60);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const fields = { name: name.trim(), kind, baseUrl: baseUrl.trim(), firstByteTimeoutSeconds: firstByte, idleTimeoutSeconds: idle };
    try {
      // Saving then testing at once: the user sees whether it works, and pickers get its models.
      const saved = connection
        ? await client.remote.update({ id: connection.id, ...fields, ...(apiKey.trim() ? { apiKey: apiKey.trim() } : {}) })
        : await client.remote.create({ ...fields, ...(apiKey.trim() ? { apiKey: apiKey.trim() } : {}) });
      putConnection(saved);
      onDone(saved);
      putConnection(await client.remote.test({ id: saved.id }));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} data-testid="connection-form">
      <Stack gap="sm">
        <Group grow align="flex-start">
          <NativeSelect
            label={t('remote.kind.label')}
            data={ServerKindSchema.options.map((k) => ({ value: k, label: t(`remote.kind.${k}`) }))}
            value={kind}
            onChange={(e) => {
              const next = e.currentTarget.value as ServerKind;
              setKind(next);
              if (!urlEdited) setBaseUrl(defaultBaseUrls[next]);
            }}
            data-testid="connection-kind"
          />
          <TextInput
            label={t('remote.form.name')}
            placeholder={t('remote.form.namePlaceholder')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            maxLength={80}
            data-testid="connection-name"
          />
        </Group>
        <TextInput
          label={t('remote.form.baseUrl')}
          description={t('remote.form.baseUrlHint')}
          value={baseUrl}
          onChange={(e) => {
            setBaseUrl(e.currentTarget.value);
            setUrlEdited(true);
          }}
          required
          inputMode="url"
          spellCheck={false}
          autoComplete="off"
          data-testid="connection-url"
        />
        <PasswordInput
          label={t('remote.form.apiKey')}
          description={connection?.hasKey ? t('remote.form.apiKeyKeep') : t('remote.form.apiKeyHint')}
          value={apiKey}
          onChange={(e) => setApiKey(e.currentTarget.value)}
          autoComplete="off"
          data-testid="connection-key"
        />
        <Group grow align="flex-start">
          <NumberInput
            label={t('remote.form.firstByteTimeout')}
            description={t('remote.form.firstByteTimeoutHint')}
            min={5}
            max={3600}
            value={firstByte}
            onChange={(v) => setFirstByte(Math.round(Number(v) || 120))}
          />
          <NumberInput label={t('remote.form.idleTimeout')} min={5} max={3600} value={idle} onChange={(v) => setIdle(Math.round(Number(v) || 60))} />
        </Group>
        {error !== null && (
          <Alert color="red" variant="light" role="alert" data-testid="connection-error">
            {describeCallError(t, error)}
          </Alert>
        )}
        <Group gap="xs">
          <Button type="submit" loading={busy} disabled={!name.trim() || !baseUrl.trim()} data-testid="connection-save">
            {connection ? t('remote.form.save') : t('remote.form.create')}
          </Button>
          <Button variant="default" onClick={() => onDone(null)} disabled={busy}>
            {t('remote.form.cancel')}
          </Button>
          {connection?.hasKey && (
            <Button
              variant="subtle"
              color="red"
              disabled={busy}
              onClick={() => void client.remote.update({ id: connection.id, apiKey: null }).then(putConnection, setError)}
              data-testid="connection-forget-key"
            >
              {t('remote.form.forgetKey')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
