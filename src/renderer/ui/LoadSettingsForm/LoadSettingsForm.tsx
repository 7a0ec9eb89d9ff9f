import { NativeSelect, NumberInput, SegmentedControl, Stack, Text, type NumberInputProps } from '@mantine/core';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlashAttention, GpuLayers, LoadSettingsPatch, MemoryEstimate } from '../../../shared/contract';
import { useClient } from '../../state/appStore';
import { useEngineStore } from '../../state/engineStore';
import { useHasGpu } from '../../state/gpuInfo';
import { withChanges } from '../../state/loadSettingsStore';
import { LoraPicker } from '../LoraPicker/LoraPicker';
import { useFormat } from '../useFormat';
import { defaultContextFor, toLoadSettings } from './loadSettings';

type GpuMode = 'auto' | 'max' | 'cpu' | 'custom';
type KvCacheType = NonNullable<LoadSettingsPatch['kvCacheType']>;

function gpuMode(gpuLayers: GpuLayers): GpuMode {
  if (gpuLayers === 'auto' || gpuLayers === 'max') return gpuLayers;
  return gpuLayers === 0 ? 'cpu' : 'custom';
}

function flashModeOf(setting: FlashAttention): 'auto' | 'on' | 'off' {
  return setting === 'auto' ? 'auto' : setting ? 'on' : 'off';
}

/** A number field's text as a whole number, or null when empty or not a number. */
function numberOrNull(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text.replaceAll(',', ''));
  return Number.isFinite(n) ? Math.round(n) : null;
}

export interface LoadSettingsFormProps {
  /** The file these settings load: for the memory estimate and its LoRA adapters. */
  path: string;
  value: LoadSettingsPatch;
  onChange: (next: LoadSettingsPatch) => void;
  /** The file's layer count and trained context, when known. */
  facts: { blockCount: number | null; contextLength: number | null } | null;
  disabled?: boolean;
  /** Test ids start with it (`load` by default; Compare panes name theirs). */
  testIdPrefix?: string;
}

/**
 * How a file is loaded, for Chat and Compare alike: offload (only where there is a GPU), context
 * (at most what the model was trained on), threads, batch, flash attention (on the CPU too, where
 * it is a trade-off), KV cache, LoRA, and
 * what the engine expects that to need. A field left empty takes the engine's default. Number
 * fields apply when they lose focus, so typing never races the host.
 */
export function LoadSettingsForm({ path, value, onChange, facts, disabled = false, testIdPrefix = 'load' }: LoadSettingsFormProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const defaults = useEngineStore((s) => s.defaults);
  const hasGpu = useHasGpu();
  const gpuLayers = value.gpuLayers ?? 'auto';
  const mode = gpuMode(gpuLayers);
  // The model's layers (block_count); llama.cpp can offload one more, the output layer.
  const blocks = facts?.blockCount ?? null;
  const trained = facts?.contextLength ?? null;
  const contextDefault = defaultContextFor(defaults?.contextSize ?? null, trained);
  // A quantized KV cache runs with flash attention whatever is chosen (flashAttentionFor, host side).
  const quantizedCache = (value.kvCacheType ?? 'F16') !== 'F16';
  const flashMode = quantizedCache ? 'on' : flashModeOf(value.flashAttention ?? 'auto');
  const set = (changes: Partial<Record<keyof LoadSettingsPatch, unknown>>) => onChange(withChanges(value, changes));
  const id = (name: string) => `${testIdPrefix}-${name}`;

  /** A number field that applies on blur; emptied, it returns to the default. */
  const numberField = (name: string, current: number | null | undefined, apply: (n: number | null) => void, props: NumberInputProps) => (
    <NumberInput
      key={`${name}:${current ?? ''}`}
      size="xs"
      defaultValue={current ?? ''}
      disabled={disabled}
      onBlur={(e) => {
        const next = numberOrNull(e.currentTarget.value);
        if (next !== (current ?? null)) apply(next);
      }}
      data-testid={id(name)}
      {...props}
    />
  );

  return (
    <Stack gap="sm" data-testid={id('settings-form')}>
      {hasGpu === false ? (
        <Text size="xs" c="dimmed" data-testid={id('no-gpu')}>
          {t('chat.load.noGpu')}
        </Text>
      ) : (
        <div>
          <Choice
            label={t('chat.load.gpuOffload')}
            hint={t(`chat.load.gpuHint.${mode}`)}
            value={mode}
            disabled={disabled}
            onChange={(next) => {
              if (next === 'custom')
                set({ gpuLayers: typeof gpuLayers === 'number' && gpuLayers > 0 ? gpuLayers : Math.max(1, Math.floor((blocks ?? 2) / 2)) });
              else set({ gpuLayers: next === 'cpu' ? 0 : next });
            }}
            data={(['auto', 'max', 'cpu', 'custom'] as const).map((m) => ({ value: m, label: t(`chat.load.gpu.${m}`) }))}
            testId={id('gpu-mode')}
          />
          {mode === 'custom' &&
            numberField('gpu-layers', typeof gpuLayers === 'number' ? gpuLayers : null, (n) => set({ gpuLayers: Math.max(1, n ?? 1) }), {
              label: t('chat.load.gpuLayers'),
              description:
                blocks !== null
                  ? t('chat.load.gpuLayersHint', { total: format.integer(blocks), all: format.integer(blocks + 1) })
                  : undefined,
              min: 1,
              max: blocks !== null ? blocks + 1 : 4096,
              mt: 'xs',
            })}
        </div>
      )}
      {numberField('context-size', value.contextSize, (n) => set({ contextSize: n ?? undefined }), {
        label: t('chat.load.contextSize'),
        description: trained ? t('chat.load.contextHint', { max: format.integer(trained) }) : undefined,
        placeholder: contextDefault !== null ? format.integer(contextDefault) : undefined,
        min: 128,
        max: trained ?? 1_048_576,
        clampBehavior: 'blur',
        step: 512,
        thousandSeparator: ',',
      })}
      {numberField('threads', value.threads, (n) => set({ threads: n ?? undefined }), {
        label: t('chat.load.threads'),
        description: defaults ? t('chat.load.threadsHint', { count: defaults.threads }) : undefined,
        placeholder: defaults ? String(defaults.threads) : undefined,
        min: 1,
        max: 256,
      })}
      {numberField('batch-size', value.batchSize, (n) => set({ batchSize: n ?? undefined }), {
        label: t('chat.load.batchSize'),
        placeholder: t('chat.load.automatic'),
        min: 16,
        max: 65_536,
        step: 128,
      })}
      <Choice
        label={t('chat.load.flashAttention')}
        hint={quantizedCache ? t('chat.load.flashHint.quantizedCache') : t(`chat.load.flashHint.${flashMode}`)}
        value={flashMode}
        disabled={disabled || quantizedCache}
        onChange={(next) => set({ flashAttention: next === 'auto' ? 'auto' : next === 'on' })}
        data={(['auto', 'on', 'off'] as const).map((m) => ({ value: m, label: t(`chat.load.flash.${m}`) }))}
        testId={id('flash-attention')}
      />
      <NativeSelect
        size="xs"
        label={t('chat.load.kvCache')}
        description={t('chat.load.kvCacheHint')}
        value={value.kvCacheType ?? 'F16'}
        disabled={disabled}
        onChange={(e) => set({ kvCacheType: e.currentTarget.value as KvCacheType })}
        data={(['F16', 'Q8_0', 'Q4_0'] as const).map((kv) => ({ value: kv, label: t(`chat.load.kv.${kv}`) }))}
        data-testid={id('kv-cache')}
      />
      <Estimate path={path} settings={toLoadSettings(value, defaults?.contextSize ?? null, trained)} testId={id('estimate')} />
      <LoraPicker path={path} value={value.lora ?? []} onChange={(lora) => set({ lora })} />
    </Stack>
  );
}

/** One of a few named modes, with its label above and the chosen mode's hint below. */
function Choice<T extends string>(props: {
  label: string;
  hint: string;
  value: T;
  disabled: boolean;
  onChange: (next: T) => void;
  data: Array<{ value: T; label: string }>;
  testId: string;
}) {
  const labelId = useId();
  return (
    <div>
      <Text size="sm" fw={500} mb={4} id={labelId}>
        {props.label}
      </Text>
      <SegmentedControl
        fullWidth
        size="xs"
        value={props.value}
        disabled={props.disabled}
        onChange={(next) => props.onChange(next as T)}
        data={props.data}
        aria-labelledby={labelId}
        data-testid={props.testId}
      />
      <Text size="xs" c="dimmed" mt={4}>
        {props.hint}
      </Text>
    </div>
  );
}

/** What the engine expects these settings to need; an estimate, and labelled as one. */
function Estimate({ path, settings, testId }: { path: string; settings: LoadSettingsPatch; testId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useClient();
  const [estimate, setEstimate] = useState<{ key: string; value: MemoryEstimate | null }>({ key: '', value: null });
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
    <Text size="xs" c={value.fits ? 'dimmed' : 'red'} data-testid={testId} data-fits={value.fits}>
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
