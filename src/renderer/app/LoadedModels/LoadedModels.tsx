import { ActionIcon, Group, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoadedModel } from '../../../shared/contract';
import { useClient } from '../../platform/appStore';
import { ejectModel, fileName, useEngineStore } from '../../platform/engineStore';
import { describeCallError } from '../../platform/errors';
import { Icon } from '../../ui/Icon/Icon';
import { useFormat } from '../../ui/useFormat';

const colors: Record<LoadedModel['state'], string> = {
  loading: 'blue',
  loaded: 'teal',
  restarting: 'yellow',
  crashed: 'red',
  failed: 'red',
};

/** The top bar's view of the engine: every loaded model, its memory, and an eject button. Live. */
export function LoadedModels() {
  const { t } = useTranslation();
  const models = useEngineStore((s) => s.models);
  if (!models) return null;
  if (models.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="topbar-no-models">
        {t('topbar.noModels')}
      </Text>
    );
  }
  return (
    <Group gap="xs" wrap="nowrap" role="list" aria-label={t('topbar.loadedModels')} style={{ overflowX: 'auto', minWidth: 0 }}>
      {models.map((model) => (
        <LoadedModelChip key={model.instanceId} model={model} />
      ))}
    </Group>
  );
}

function LoadedModelChip({ model }: { model: LoadedModel }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useClient();
  const [problem, setProblem] = useState<unknown>(null);
  const name = fileName(model.path);
  const memory = model.processRssBytes !== null ? format.memory(model.processRssBytes) : null;
  const hint = [
    t(`engineState.${model.state}`),
    memory ? t('topbar.memory', { value: memory }) : null,
    problem !== null ? describeCallError(t, problem) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Group
      gap={4}
      wrap="nowrap"
      role="listitem"
      data-testid="topbar-model"
      data-state={model.state}
      data-path={model.path}
      style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 999, padding: '2px 4px 2px 10px', flex: 'none' }}
    >
      <Tooltip label={hint}>
        <Group gap={6} wrap="nowrap" tabIndex={0} aria-label={`${name}: ${hint}`}>
          <span
            aria-hidden="true"
            style={{ width: 8, height: 8, borderRadius: '50%', flex: 'none', background: `var(--mantine-color-${colors[model.state]}-filled)` }}
          />
          <Text size="sm" truncate="end" maw={180}>
            {name}
          </Text>
          {memory && (
            <Text size="xs" c="dimmed" data-testid="topbar-model-memory">
              {memory}
            </Text>
          )}
        </Group>
      </Tooltip>
      <Tooltip label={t('topbar.eject', { file: name })}>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="sm"
          radius="xl"
          onClick={() => {
            setProblem(null);
            ejectModel(client, model.instanceId).catch(setProblem);
          }}
          aria-label={t('topbar.eject', { file: name })}
          data-testid="topbar-eject"
        >
          <Icon name="eject" size={14} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
