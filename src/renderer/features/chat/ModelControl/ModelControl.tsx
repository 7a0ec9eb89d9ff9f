import { Alert, Badge, Box, Button, Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localPath, type LoadedModel } from '../../../../shared/contract';
import { useModelName } from '../../../state/connections';
import { ModelSelect } from '../../../ui/ModelSelect/ModelSelect';
import { useClient } from '../../../state/appStore';
import { cancelLoad, dismissLoadError, ejectModel, fileName, instanceFor, loadModel, useEngineStore } from '../../../state/engineStore';
import { describeCallError, storedErrorText } from '../../../platform/errors';
import { Icon } from '../../../ui/Icon/Icon';
import { useGpuLayersText } from '../../../ui/gpuLayers';
import { useFormat } from '../../../ui/useFormat';
import { useChatStore, type ConversationInfo } from '../chatStore';
import { useChatModels } from '../chatModels';
import { updateConversation } from '../conversationEdits';
import { setPanelOpen } from '../preferencesStore';
import { fetchLoadSettings, saveLoadSettings, useLoadSettingsStore, withChanges } from '../../../state/loadSettingsStore';
import { toLoadSettings } from '../../../ui/LoadSettingsForm/loadSettings';
import type { ComposerBlock } from '../Composer/Composer';

const stateColors: Record<LoadedModel['state'], string> = {
  loading: 'blue',
  loaded: 'teal',
  restarting: 'yellow',
  crashed: 'red',
  failed: 'red',
};

/** Why the composer is blocked for this conversation's model (null: the model is ready). */
export function useComposerBlock(conversation: ConversationInfo): ComposerBlock {
  const path = localPath(conversation.model);
  const instance = useEngineStore((s) => instanceFor(s.models, path));
  const loading = useEngineStore((s) => (path ? !!s.loads[path]?.running : false));
  if (!conversation.model) return 'noModel';
  // A remote model is always ready here; its server answers or says why not.
  if (conversation.model.kind === 'remote') return null;
  if (instance?.state === 'loaded') return null;
  if (loading || instance?.state === 'loading' || instance?.state === 'restarting') return 'loading';
  if (instance) return 'unavailable';
  return 'notLoaded';
}

/** Starts loading `path` with the settings chosen for it (or the defaults). */
export function useLoadAction(path: string | null): () => void {
  const client = useClient();
  const models = useChatModels();
  return () => {
    if (!path) return;
    const defaults = useEngineStore.getState().defaults;
    const trained = models?.find((m) => m.path === path)?.facts?.contextLength ?? null;
    void fetchLoadSettings(client, path)
      .catch(() => ({}))
      .then((saved) => loadModel(client, path, toLoadSettings(saved, defaults?.contextSize ?? null, trained)));
  };
}

/** The model bar: which model this conversation uses, and its engine state with load / eject. */
export function ModelControl({ conversation }: { conversation: ConversationInfo }) {
  const { t } = useTranslation();
  const client = useClient();
  const models = useChatModels();
  const generating = useChatStore((s) => !!s.generating[conversation.id]);
  const path = localPath(conversation.model);
  const modelName = useModelName();
  const instance = useEngineStore((s) => instanceFor(s.models, path));
  const attempt = useEngineStore((s) => (path ? s.loads[path] : undefined));
  const load = useLoadAction(path);

  const loading = !!attempt?.running || instance?.state === 'loading';

  return (
    <Group gap="sm" wrap="wrap" align="center">
      <ModelSelect
        files={models}
        value={conversation.model}
        onChange={(model) => void updateConversation(client, conversation.id, { model })}
        placeholder={models && models.length === 0 ? t('chat.model.noneInLibrary') : t('chat.model.choose')}
        missingLabel={(file) => t('chat.model.missing', { file })}
        disabled={generating}
        aria-label={t('chat.model.label')}
        data-testid="model-picker"
        w={320}
        maw="100%"
        size="sm"
      />
      {conversation.model?.kind === 'remote' && (
        <Badge color="grape" variant="light" data-testid="model-state" data-state="remote" title={modelName(conversation.model)}>
          {t('remote.state.remote')}
        </Badge>
      )}
      {path && instance && <ModelStatus model={instance} />}
      {path && loading && (
        <Group gap="xs" wrap="nowrap">
          <Box w={160}>
            <Progress
              value={Math.round((attempt?.progress ?? 0) * 100)}
              animated={!attempt}
              size="lg"
              aria-label={t('chat.model.loadingProgress', { percent: Math.round((attempt?.progress ?? 0) * 100) })}
              data-testid="load-progress"
              data-value={attempt?.progress ?? 0}
            />
          </Box>
          <Text size="xs" c="dimmed" miw={36}>
            {Math.round((attempt?.progress ?? 0) * 100)}%
          </Text>
          <Button
            size="compact-sm"
            variant="subtle"
            color="gray"
            onClick={() => {
              cancelLoad(path);
              if (instance) void ejectModel(client, instance.instanceId).catch(() => undefined);
            }}
            data-testid="cancel-load"
          >
            {t('common.cancel')}
          </Button>
        </Group>
      )}
      {path && !instance && !loading && (
        <Group gap={4} wrap="nowrap">
          <Button size="sm" leftSection={<Icon name="play" size={14} />} onClick={load} data-testid="load-model">
            {t('chat.model.load')}
          </Button>
          <Tooltip label={t('chat.model.loadSettings')}>
            <Button
              size="sm"
              variant="default"
              px={8}
              onClick={() => setPanelOpen(true)}
              aria-label={t('chat.model.loadSettings')}
              data-testid="load-settings"
            >
              <Icon name="settings" size={16} />
            </Button>
          </Tooltip>
        </Group>
      )}
    </Group>
  );
}

function ModelStatus({ model }: { model: LoadedModel }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useClient();
  const layersText = useGpuLayersText();
  const [problem, setProblem] = useState<unknown>(null);
  const none = t('common.none');
  const estimated = model.estimate ? model.estimate.ramBytes + model.estimate.vramBytes : null;
  const facts = [
    model.processRssBytes !== null
      ? estimated !== null
        ? t('chat.model.memoryVsEstimate', { measured: format.memory(model.processRssBytes), estimated: format.memory(estimated) })
        : t('chat.model.memory', { value: format.memory(model.processRssBytes) })
      : null,
    model.gpuLayers !== null ? t('chat.model.gpuLayers', { value: layersText(model.gpuLayers, model.totalLayers) }) : null,
    model.contextSize !== null ? t('chat.model.context', { value: format.integer(model.contextSize) }) : null,
  ].filter((f): f is string => f !== null);

  const details = (
    <Stack gap={2}>
      <Text size="xs">{fileName(model.path)}</Text>
      <Text size="xs">{t('chat.model.threads', { value: model.threads !== null ? format.integer(model.threads) : none })}</Text>
      {model.restarts > 0 && <Text size="xs">{t('chat.model.restarts', { count: model.restarts })}</Text>}
    </Stack>
  );

  return (
    <>
      <Tooltip label={details} multiline events={{ hover: true, focus: true, touch: true }}>
        <Group
          gap="xs"
          wrap="nowrap"
          tabIndex={0}
          data-testid="model-status"
          aria-label={[t(`engineState.${model.state}`), ...facts].join(', ')}
        >
          <Badge
            color={stateColors[model.state]}
            variant="light"
            style={{ flex: 'none' }}
            data-testid="model-state"
            data-state={model.state}
          >
            {t(`engineState.${model.state}`)}
          </Badge>
          {facts.length > 0 && (
            <Text size="xs" c="dimmed" data-testid="model-facts">
              {facts.join(' · ')}
            </Text>
          )}
        </Group>
      </Tooltip>
      <Button
        size="compact-sm"
        variant="default"
        leftSection={<Icon name="eject" size={14} />}
        onClick={() => {
          setProblem(null);
          ejectModel(client, model.instanceId).catch(setProblem);
        }}
        aria-label={t('chat.model.ejectLabel', { file: fileName(model.path) })}
        data-testid="eject-model"
      >
        {t('chat.model.eject')}
      </Button>
      {problem !== null && (
        <Text size="xs" c="red" role="alert">
          {describeCallError(t, problem)}
        </Text>
      )}
    </>
  );
}

/** The reason a load was refused (or the loaded model broke), with the way forward. */
export function LoadProblem({ conversation }: { conversation: ConversationInfo }) {
  const { t } = useTranslation();
  const client = useClient();
  const path = localPath(conversation.model);
  const attempt = useEngineStore((s) => (path ? s.loads[path] : undefined));
  const instance = useEngineStore((s) => instanceFor(s.models, path));
  const load = useLoadAction(path);
  if (!path) return null;

  if (attempt?.error && !attempt.running) {
    const data = (attempt.error as { code?: string; data?: Record<string, unknown> }) ?? {};
    const suggestion =
      data.code === 'MODEL_WONT_FIT' && data.data
        ? {
            contextSize: typeof data.data.suggestedContextSize === 'number' ? data.data.suggestedContextSize : null,
            gpuLayers: typeof data.data.suggestedGpuLayers === 'number' ? data.data.suggestedGpuLayers : null,
          }
        : null;
    const canApply = suggestion && (suggestion.contextSize !== null || suggestion.gpuLayers !== null);
    return (
      <Alert
        mx="md"
        mt="xs"
        color="red"
        variant="light"
        title={t('chat.model.loadFailed', { file: fileName(path) })}
        withCloseButton
        closeButtonLabel={t('common.close')}
        onClose={() => dismissLoadError(path)}
        data-testid="load-error"
        data-code={data.code}
        role="alert"
      >
        <Text size="sm">{describeCallError(t, attempt.error)}</Text>
        <Group gap="xs" mt="xs">
          {canApply && (
            <Button
              size="compact-sm"
              onClick={() => {
                const saved = useLoadSettingsStore.getState().saved[path] ?? {};
                const next = withChanges(saved, {
                  ...(suggestion.contextSize !== null ? { contextSize: suggestion.contextSize } : {}),
                  ...(suggestion.gpuLayers !== null ? { gpuLayers: suggestion.gpuLayers } : {}),
                });
                void saveLoadSettings(client, path, next).then(load, () => undefined);
              }}
              data-testid="load-suggested"
            >
              {t('chat.model.loadSuggested')}
            </Button>
          )}
          <Button size="compact-sm" variant="default" onClick={() => setPanelOpen(true)}>
            {t('chat.model.loadSettings')}
          </Button>
        </Group>
      </Alert>
    );
  }

  if (instance && (instance.state === 'crashed' || instance.state === 'failed' || instance.state === 'restarting') && instance.error) {
    return (
      <Alert
        mx="md"
        mt="xs"
        color={instance.state === 'restarting' ? 'yellow' : 'red'}
        variant="light"
        data-testid="model-error"
        role="alert"
      >
        <Text size="sm">
          {t(`chat.model.stateHint.${instance.state}`)} {storedErrorText(t, instance.error)}
        </Text>
      </Alert>
    );
  }
  return null;
}
