import { ActionIcon, Button, Group, Menu, Text, Tooltip } from '@mantine/core';
import { useLayoutEffect, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoadedModel } from '../../../shared/contract';
import { useClient } from '../../state/appStore';
import { ejectModel, fileName, useEngineStore } from '../../state/engineStore';
import { describeCallError } from '../../platform/errors';
import { Icon } from '../../ui/Icon/Icon';
import { useFormat } from '../../ui/useFormat';
import { fittingCount } from './fittingCount';

export const stateColors: Record<LoadedModel['state'], string> = {
  loading: 'blue',
  loaded: 'teal',
  restarting: 'yellow',
  crashed: 'red',
  failed: 'red',
};

/** Room kept for the "+N" button when not every model fits. */
const MORE_WIDTH = 64;
const GAP = 8;

/**
 * The top bar's view of the engine: as many loaded models as fit, each with its memory and an
 * eject button, and the rest behind "+N". Live.
 */
export function LoadedModels() {
  const { t } = useTranslation();
  const models = useEngineStore((s) => s.models);
  const row = useRef<HTMLDivElement>(null);
  const widths = useRef(new Map<string, number>());
  const [shown, setShown] = useState(Number.POSITIVE_INFINITY);
  const [tick, remeasure] = useReducer((n: number) => n + 1, 0);

  // After every render: measure the chips on screen, then show as many as the row holds.
  useLayoutEffect(() => {
    const element = row.current;
    if (!element || !models) return;
    for (const chip of element.querySelectorAll<HTMLElement>('[data-instance]')) widths.current.set(chip.dataset.instance!, chip.offsetWidth);
    const next = fittingCount(
      models.map((m) => widths.current.get(m.instanceId) ?? null),
      element.clientWidth,
      GAP,
      MORE_WIDTH,
    );
    if (next !== shown) setShown(next);
  }, [models, shown, tick]);

  useLayoutEffect(() => {
    const element = row.current;
    if (!element) return;
    const observer = new ResizeObserver(() => remeasure());
    observer.observe(element);
    return () => observer.disconnect();
  }, [models?.length]);

  if (!models) return null;
  if (models.length === 0) {
    return (
      <Text size="sm" c="dimmed" truncate data-testid="topbar-no-models">
        {t('topbar.noModels')}
      </Text>
    );
  }
  const visible = models.slice(0, shown);
  const hidden = models.slice(shown);
  return (
    <Group ref={row} gap={GAP} wrap="nowrap" justify="flex-end" style={{ flex: 1, minWidth: 0, overflow: 'hidden' }} data-testid="topbar-models" data-shown={visible.length}>
      <Group gap={GAP} wrap="nowrap" role="list" aria-label={t('topbar.loadedModels')}>
        {visible.map((model) => (
          <LoadedModelChip key={model.instanceId} model={model} />
        ))}
      </Group>
      {hidden.length > 0 && <MoreModels models={hidden} />}
    </Group>
  );
}

function useModelHint(model: LoadedModel, problem: unknown): string {
  const { t } = useTranslation();
  const format = useFormat();
  const memory = model.processRssBytes !== null ? format.memory(model.processRssBytes) : null;
  return [t(`engineState.${model.state}`), memory ? t('topbar.memory', { value: memory }) : null, problem !== null ? describeCallError(t, problem) : null]
    .filter(Boolean)
    .join(' · ');
}

function StateDot({ state }: { state: LoadedModel['state'] }) {
  return (
    <span
      aria-hidden="true"
      style={{ width: 8, height: 8, borderRadius: '50%', flex: 'none', background: `var(--mantine-color-${stateColors[state]}-filled)` }}
    />
  );
}

function LoadedModelChip({ model }: { model: LoadedModel }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useClient();
  const [problem, setProblem] = useState<unknown>(null);
  const name = fileName(model.path);
  const hint = useModelHint(model, problem);
  const memory = model.processRssBytes !== null ? format.memory(model.processRssBytes) : null;
  return (
    <Group
      gap={4}
      wrap="nowrap"
      role="listitem"
      data-testid="topbar-model"
      data-instance={model.instanceId}
      data-state={model.state}
      data-path={model.path}
      style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 999, padding: '2px 4px 2px 10px', flex: 'none' }}
    >
      <Tooltip label={hint}>
        <Group gap={6} wrap="nowrap" tabIndex={0} aria-label={`${name}: ${hint}`}>
          <StateDot state={model.state} />
          <Text size="sm" truncate="end" maw={160}>
            {name}
          </Text>
          {memory && (
            <Text size="xs" c="dimmed" data-testid="topbar-model-memory" style={{ whiteSpace: 'nowrap' }}>
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

/** "+N": the models that did not fit, each with its state, memory and an eject item. */
function MoreModels({ models }: { models: LoadedModel[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useClient();
  const [problem, setProblem] = useState<unknown>(null);
  return (
    <Menu position="bottom-end" withinPortal shadow="md" onClose={() => setProblem(null)}>
      <Menu.Target>
        <Button
          variant="default"
          size="compact-sm"
          radius="xl"
          style={{ flex: 'none' }}
          aria-label={t('shell.topbar.more', { count: models.length })}
          data-testid="topbar-more"
          data-count={models.length}
        >
          {`+${models.length}`}
        </Button>
      </Menu.Target>
      <Menu.Dropdown data-testid="topbar-more-menu" maw={360}>
        <Menu.Label>{t('topbar.loadedModels')}</Menu.Label>
        {models.map((model) => {
          const name = fileName(model.path);
          const facts = [t(`engineState.${model.state}`), model.processRssBytes !== null ? format.memory(model.processRssBytes) : null].filter(Boolean).join(' · ');
          return (
            <Menu.Item
              key={model.instanceId}
              leftSection={<StateDot state={model.state} />}
              rightSection={<Icon name="eject" size={14} />}
              closeMenuOnClick={false}
              onClick={() => {
                setProblem(null);
                ejectModel(client, model.instanceId).catch(setProblem);
              }}
              aria-label={`${t('topbar.eject', { file: name })} (${facts})`}
              data-testid="topbar-more-model"
              data-path={model.path}
            >
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {name}
              </Text>
              <Text size="xs" c="dimmed">
                {facts}
              </Text>
            </Menu.Item>
          );
        })}
        {problem !== null && (
          <Text size="xs" c="red" px="sm" py={4} role="alert">
            {describeCallError(t, problem)}
          </Text>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
