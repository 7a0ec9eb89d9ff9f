import { NativeSelect, NumberInput, SegmentedControl, Stack, Switch, Text } from '@mantine/core';
import { useEffect, useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useTranslation } from 'react-i18next';
import type { MemoryEstimate } from '../../../../shared/contract';
import { useClient } from '../../../platform/appStore';
import { useEngineStore } from '../../../platform/engineStore';
import { useHasGpu } from '../../../platform/gpuInfo';
import { useFormat } from '../../../ui/useFormat';
import { useChatModels } from '../chatModels';
import { LoraPicker } from '../../../ui/LoraPicker/LoraPicker';
import { defaultContextFor, loadChoiceFor, setLoadChoice, toLoadSettings, usePreferences, type LoadChoice } from '../preferencesStore';

type GpuMode = 'auto' | 'max' | 'cpu' | 'custom';

function gpuMode(choice: LoadChoice): GpuMode {
  if (choice.gpuLayers === 'auto' || choice.gpuLayers === 'max') return choice.gpuLayers;
  return choice.gpuLayers === 0 ? 'cpu' : 'custom';
}

/** A NumberInput's value as a number or null (empty). */
function numberOrNull(value: string | number): number | null {
  if (value === '' || value === null) return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? Math.round(n) : null;
}

/**
 * How `path` is loaded next time: offload (only where there is a GPU), context (at most what the
 * model was trained on), threads, batch, flash attention, KV cache.
 */
export function LoadSettingsForm({ path }: { path: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const choice = usePreferences(useShallow((s) => loadChoiceFor(s.loadChoices, path)));
  const labelId = useId();
  const defaults = useEngineStore((s) => s.defaults);
  const facts = useChatModels()?.find((m) => m.path === path)?.facts ?? null;
  const mode = gpuMode(choice);
  // The model's layers (block_count); llama.cpp can offload one more, the output layer.
  const blocks = facts?.blockCount ?? null;
  const trained = facts?.contextLength ?? null;
  const contextDefault = defaultContextFor(defaults?.contextSize ?? null, trained);
  const hasGpu = useHasGpu();
  const set = (patch: Partial<LoadChoice>) => setLoadChoice(path, patch);

  return (
    <Stack gap="sm" data-testid="load-settings-form">
      {hasGpu === false ? (
        <Text size="xs" c="dimmed" data-testid="load-no-gpu">
          {t('chat.load.noGpu')}
        </Text>
      ) : (
        <div>
          <Text size="sm" fw={500} mb={4} id={labelId}>
            {t('chat.load.gpuOffload')}
          </Text>
          <SegmentedControl
            fullWidth
            size="xs"
            value={mode}
            onChange={(value) => {
              const next = value as GpuMode;
              if (next === 'custom')
                set({
                  gpuLayers:
                    typeof choice.gpuLayers === 'number' && choice.gpuLayers > 0
                      ? choice.gpuLayers
                      : Math.max(1, Math.floor((blocks ?? 2) / 2)),
                });
              else set({ gpuLayers: next === 'cpu' ? 0 : next });
            }}
            data={[
              { value: 'auto', label: t('chat.load.gpu.auto') },
              { value: 'max', label: t('chat.load.gpu.max') },
              { value: 'cpu', label: t('chat.load.gpu.cpu') },
              { value: 'custom', label: t('chat.load.gpu.custom') },
            ]}
            aria-labelledby={labelId}
            data-testid="load-gpu-mode"
          />
          <Text size="xs" c="dimmed" mt={4}>
            {t(`chat.load.gpuHint.${mode}`)}
          </Text>
          {mode === 'custom' && (
            <NumberInput
              mt="xs"
              size="xs"
              label={t('chat.load.gpuLayers')}
              description={
                blocks !== null
                  ? t('chat.load.gpuLayersHint', { total: format.integer(blocks), all: format.integer(blocks + 1) })
                  : undefined
              }
              min={1}
              max={blocks !== null ? blocks + 1 : 4096}
              value={typeof choice.gpuLayers === 'number' ? choice.gpuLayers : ''}
              onChange={(v) => set({ gpuLayers: numberOrNull(v) ?? 1 })}
              data-testid="load-gpu-layers"
            />
          )}
        </div>
      )}
      <NumberInput
        size="xs"
        label={t('chat.load.contextSize')}
        description={trained ? t('chat.load.contextHint', { max: format.integer(trained) }) : undefined}
        placeholder={contextDefault !== null ? format.integer(contextDefault) : undefined}
        min={128}
        max={trained ?? 1_048_576}
        clampBehavior="blur"
        step={512}
        thousandSeparator=","
        value={choice.contextSize ?? ''}
        onChange={(v) => set({ contextSize: numberOrNull(v) })}
        data-testid="load-context-size"
      />
      <NumberInput
        size="xs"
        label={t('chat.load.threads')}
        description={defaults ? t('chat.load.threadsHint', { count: defaults.threads }) : undefined}
        placeholder={defaults ? String(defaults.threads) : undefined}
        min={1}
        max={256}
        value={choice.threads ?? ''}
        onChange={(v) => set({ threads: numberOrNull(v) })}
        data-testid="load-threads"
      />
      <NumberInput
        size="xs"
        label={t('chat.load.batchSize')}
        placeholder={t('chat.load.automatic')}
        min={16}
        max={65_536}
        step={128}
        value={choice.batchSize ?? ''}
        onChange={(v) => set({ batchSize: numberOrNull(v) })}
        data-testid="load-batch-size"
      />
      {hasGpu !== false && (
        <Switch
          size="sm"
          label={t('chat.load.flashAttention')}
          description={t('chat.load.flashAttentionHint')}
          checked={choice.flashAttention}
          onChange={(e) => set({ flashAttention: e.currentTarget.checked })}
          data-testid="load-flash-attention"
        />
      )}
      <NativeSelect
        size="xs"
        label={t('chat.load.kvCache')}
        description={t('chat.load.kvCacheHint')}
        value={choice.kvCacheType}
        onChange={(e) => set({ kvCacheType: e.currentTarget.value as LoadChoice['kvCacheType'] })}
        data={[
          { value: 'F16', label: t('chat.load.kv.F16') },
          { value: 'Q8_0', label: t('chat.load.kv.Q8_0') },
          { value: 'Q4_0', label: t('chat.load.kv.Q4_0') },
        ]}
        data-testid="load-kv-cache"
      />
      <Estimate path={path} choice={choice} defaultContext={defaults?.contextSize ?? null} trainedContext={trained} />
      <LoraPicker path={path} value={choice.lora} onChange={(lora) => set({ lora })} />
    </Stack>
  );
}

/** What the engine expects these settings to need; an estimate, and labelled as one. */
function Estimate({
  path,
  choice,
  defaultContext,
  trainedContext,
}: {
  path: string;
  choice: LoadChoice;
  defaultContext: number | null;
  trainedContext: number | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useClient();
  const [estimate, setEstimate] = useState<{ key: string; value: MemoryEstimate | null }>({ key: '', value: null });
  const settings = toLoadSettings(choice, defaultContext, trainedContext);
  const key = JSON.stringify([path, settings]);

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      client.engine
        .estimate({ path, settings: JSON.parse(key)[1] }, { signal: controller.signal })
        .then((value) => setEstimate({ key, value }))
        .catch(() => setEstimate({ key, value: null }));
    }, 400);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [client, path, key]);

  const value = estimate.key === key ? estimate.value : null;
  if (!value) return null;
  return (
    <Text size="xs" c={value.fits ? 'dimmed' : 'red'} data-testid="load-estimate" data-fits={value.fits}>
      {t('chat.load.estimate', {
        ram: format.memory(value.ramBytes),
        vram: format.memory(value.vramBytes),
        layers: format.integer(value.gpuLayers),
        context: format.integer(value.contextSize),
      })}{' '}
      {value.fits ? t('chat.load.estimateFits') : t('chat.load.estimateTooBig')}
    </Text>
  );
}
