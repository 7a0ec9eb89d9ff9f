import { ActionIcon, Alert, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../../../../state/appStore';
import { describeCallError } from '../../../../platform/errors';
import { Icon } from '../../../../ui/Icon/Icon';
import { normalizeOrigin } from '../inputRules';
import { useSaveSettings } from '../useSaveSettings';

type Rule = 'invalid' | 'duplicate' | null;

/** The browser origins allowed to call the API (CORS): listed, removable, one more added at a time. */
export function CorsOrigins() {
  const { t } = useTranslation();
  const { apiCorsOrigins } = useSettings();
  const { save, busy, error, clearError } = useSaveSettings();
  const [draft, setDraft] = useState('');
  const [rule, setRule] = useState<Rule>(null);
  const headingId = useId();

  const add = async (event: FormEvent) => {
    event.preventDefault();
    clearError();
    const origin = normalizeOrigin(draft);
    if (origin === null) return setRule('invalid');
    if (apiCorsOrigins.includes(origin)) return setRule('duplicate');
    setRule(null);
    if (await save({ apiCorsOrigins: [...apiCorsOrigins, origin] })) setDraft('');
  };

  const message = rule ? t(`settings.localApi.cors.${rule}`) : error !== null ? describeCallError(t, error) : null;
  return (
    <div>
      <Title order={3} size="h6" id={headingId}>
        {t('settings.localApi.cors.label')}
      </Title>
      <Text size="xs" c="dimmed" mb={6}>
        {t('settings.localApi.cors.hint')}
      </Text>
      {apiCorsOrigins.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="cors-empty">
          {t('settings.localApi.cors.none')}
        </Text>
      ) : (
        <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: 'none' }} aria-labelledby={headingId}>
          {apiCorsOrigins.map((origin) => (
            <Group component="li" key={origin} gap="xs" wrap="nowrap" data-testid="cors-origin" data-origin={origin}>
              <Text size="sm" ff="monospace" style={{ flex: 1, overflowWrap: 'anywhere' }}>
                {origin}
              </Text>
              <ActionIcon
                variant="subtle"
                color="red"
                disabled={busy}
                aria-label={t('settings.localApi.cors.remove', { origin })}
                onClick={() => void save({ apiCorsOrigins: apiCorsOrigins.filter((o) => o !== origin) })}
                data-testid="cors-remove"
              >
                <Icon name="trash" size={16} />
              </ActionIcon>
            </Group>
          ))}
        </Stack>
      )}
      <form onSubmit={(e) => void add(e)}>
        <Group align="flex-end" gap="xs" wrap="nowrap" mt="xs">
          <TextInput
            label={t('settings.localApi.cors.inputLabel')}
            placeholder={t('settings.localApi.cors.placeholder')}
            value={draft}
            onChange={(e) => {
              setDraft(e.currentTarget.value);
              setRule(null);
            }}
            error={message !== null}
            // Not type="url": the browser would block the form with its own untranslated message.
            inputMode="url"
            spellCheck={false}
            autoComplete="off"
            style={{ flex: 1 }}
            data-testid="cors-input"
          />
          <Button type="submit" variant="default" leftSection={<Icon name="plus" size={16} />} loading={busy} disabled={draft.trim() === ''} data-testid="cors-add">
            {t('settings.localApi.cors.add')}
          </Button>
        </Group>
      </form>
      {message !== null && (
        <Alert color={rule ? 'yellow' : 'red'} variant="light" mt="xs" role="alert" data-testid="cors-error">
          {message}
        </Alert>
      )}
    </div>
  );
}
