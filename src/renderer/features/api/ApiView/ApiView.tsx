import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../../../state/appStore';
import { ApiEndpoint } from '../ApiEndpoint/ApiEndpoint';
import { ApiLog } from '../ApiLog/ApiLog';
import { ApiModels } from '../ApiModels/ApiModels';
import { ApiSnippets } from '../ApiSnippets/ApiSnippets';
import { snippetModel } from '../snippets';
import { useApiModels } from '../useApiModels';
import { useApiStatus } from '../../../state/apiStatus';

/**
 * The local OpenAI-compatible API: where it answers, how to call it, which model names work and
 * what was asked of it.
 */
export function ApiView() {
  const { t } = useTranslation();
  const status = useApiStatus();
  const { apiPort } = useSettings();
  const models = useApiModels();
  // Off in the desktop app: the examples still show the address it will have once turned on.
  const baseUrl = status?.baseUrl ?? `http://127.0.0.1:${apiPort}/v1`;

  return (
    <Stack gap="lg" maw={1200}>
      <div>
        <Title order={1} size="h2">
          {t('api.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('api.subtitle')}
        </Text>
      </div>
      <ApiEndpoint status={status} />
      <ApiSnippets baseUrl={baseUrl} model={models.models === null ? undefined : snippetModel(models.models)} />
      <ApiModels {...models} />
      <ApiLog />
    </Stack>
  );
}
