import { Anchor, Badge, Button, Group, Loader, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../../state/appStore';
import { useEngineStore } from '../../../state/engineStore';
import { routeHref } from '../../../state/routes';
import { Icon } from '../../../ui/Icon/Icon';
import { useFormat } from '../../../ui/useFormat';
import { FileGroupRow } from '../FileGroupRow/FileGroupRow';
import { HubError } from '../HubError/HubError';
import { checkFit, openModel, useHubStore } from '../hubStore';

const FALLBACK_CONTEXT = 4096;

/** One repository: what the card says, its license, and its GGUF files by quantization, each with a fit check. */
export function HubModelPage({ repoId }: { repoId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useClient();
  const state = useHubStore((s) => s.models[repoId]);
  const defaultContext = useEngineStore((s) => s.defaults?.contextSize) ?? FALLBACK_CONTEXT;
  const contextSize = useHubStore((s) => s.contextSize) ?? defaultContext;

  useEffect(() => {
    void openModel(client, repoId);
  }, [client, repoId]);

  const back = (
    <Anchor href={routeHref('hub')} size="sm" data-testid="hub-back">
      <Group gap={4}>
        <Icon name="chevronLeft" size={14} />
        {t('hub.back')}
      </Group>
    </Anchor>
  );
  if (!state || state.status === 'loading') {
    return (
      <Stack gap="md">
        {back}
        <Loader size="sm" aria-label={t('hub.model.loading')} />
      </Stack>
    );
  }
  if (state.status === 'error') {
    return (
      <Stack gap="md">
        {back}
        <HubError error={state.error} onRetry={() => void openModel(client, repoId, true)} />
      </Stack>
    );
  }

  const model = state.value;
  return (
    <Stack gap="md" data-testid="hub-model">
      {back}
      <div>
        <Title order={1} size="h2" data-testid="hub-model-title">
          {model.id}
        </Title>
        <Group gap="xs" mt={4}>
          <Badge variant="light" color={model.license ? 'blue' : 'gray'} data-testid="hub-model-license">
            {model.license ? t('hub.model.license', { license: model.license }) : t('hub.model.noLicense')}
          </Badge>
          {model.gated && <Badge color="orange" variant="light">{t('hub.gated')}</Badge>}
          <Text size="sm" c="dimmed">
            {t('hub.model.stats', {
              downloads: format.integer(model.downloads),
              likes: format.integer(model.likes),
              updated: model.lastModified ? format.when(model.lastModified) : t('common.none'),
            })}
          </Text>
        </Group>
      </div>
      {model.summary && (
        <Text size="sm" style={{ whiteSpace: 'pre-line' }} maw={800} data-testid="hub-model-summary">
          {model.summary}
        </Text>
      )}
      {model.baseModels.length > 0 && (
        <Text size="sm" c="dimmed">
          {t('hub.model.baseModels', { models: model.baseModels.join(', ') })}
        </Text>
      )}

      <Group align="flex-end" justify="space-between">
        <Title order={2} size="h4">
          {t('hub.files.title', { count: model.groups.length })}
        </Title>
        <Group align="flex-end">
          <NumberInput
            label={t('hub.files.contextSize')}
            value={contextSize}
            min={128}
            max={1_048_576}
            step={1024}
            onChange={(v) => typeof v === 'number' && v >= 128 && useHubStore.setState({ contextSize: v })}
            w={160}
            data-testid="hub-context-size"
          />
          <Button
            variant="default"
            onClick={() => model.groups.forEach((g) => void checkFit(client, model.id, g.primaryPath, model.sha, contextSize))}
            disabled={model.groups.length === 0}
            data-testid="hub-check-all"
          >
            {t('hub.files.checkAll')}
          </Button>
        </Group>
      </Group>
      {model.groups.length === 0 ? (
        <Text c="dimmed">{t('hub.files.none')}</Text>
      ) : (
        <Table data-testid="hub-files">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('hub.column.file')}</Table.Th>
              <Table.Th>{t('hub.column.quantization')}</Table.Th>
              <Table.Th ta="right">{t('hub.column.size')}</Table.Th>
              <Table.Th>{t('hub.column.fit')}</Table.Th>
              <Table.Th>{t('hub.column.download')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {model.groups.map((group) => (
              <FileGroupRow key={group.primaryPath} model={model} group={group} contextSize={contextSize} />
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
