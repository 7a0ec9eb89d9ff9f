import { NumberInput, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Pane } from '../../../../shared/contract';
import { useClient } from '../../../platform/appStore';
import { useHasGpu } from '../../../platform/gpuInfo';
import { updatePane } from '../compareStore';
import { LoraPicker } from '../../../ui/LoraPicker/LoraPicker';

type GpuMode = 'auto' | 'max' | 'cpu';

const numberOrNull = (value: string | number): number | null => {
  if (value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
};

/**
 * One pane's load settings (applied at the next load), sampling and system prompt (applied to the
 * next round). Fields save when they lose focus, so typing never races the server.
 */
export function PaneSettings({ pane, disabled }: { pane: Pane; disabled: boolean }) {
  const { t } = useTranslation();
  const client = useClient();
  const [system, setSystem] = useState(pane.systemPrompt);
  const gpu = pane.load.gpuLayers ?? 'auto';
  const mode: GpuMode = gpu === 0 ? 'cpu' : gpu === 'max' ? 'max' : 'auto';
  const save = (patch: Parameters<typeof updatePane>[2]) => void updatePane(client, pane.position, patch);
  const id = `pane-${pane.position}`;
  const hasGpu = useHasGpu();

  const number = (key: string, label: string, value: number | null | undefined, apply: (n: number | null) => void, props: object = {}) => (
    <NumberInput
      size="xs"
      label={label}
      defaultValue={value ?? ''}
      disabled={disabled}
      onBlur={(e) => apply(numberOrNull(e.currentTarget.value.replaceAll(',', '')))}
      data-testid={`${id}-${key}`}
      {...props}
    />
  );

  return (
    <Stack gap="xs" data-testid={`${id}-settings`} miw={260}>
      <Text size="xs" fw={600}>
        {t('compare.settings.load')}
      </Text>
      {hasGpu === false ? (
        <Text size="xs" c="dimmed" maw={260} data-testid={`${id}-no-gpu`}>
          {t('chat.load.noGpu')}
        </Text>
      ) : (
        <SegmentedControl
          size="xs"
          value={mode}
          disabled={disabled}
          onChange={(v) => save({ load: { gpuLayers: v === 'cpu' ? 0 : (v as 'auto' | 'max') } })}
          data={[
            { value: 'auto', label: t('chat.load.gpu.auto') },
            { value: 'max', label: t('chat.load.gpu.max') },
            { value: 'cpu', label: t('chat.load.gpu.cpu') },
          ]}
          aria-label={t('chat.load.gpuOffload')}
        />
      )}
      {number('context', t('chat.load.contextSize'), pane.load.contextSize, (n) => n && save({ load: { contextSize: n } }), { min: 128, step: 512 })}
      {number('threads', t('chat.load.threads'), pane.load.threads, (n) => save({ load: { threads: n } }), { min: 1, max: 256 })}
      {pane.model?.kind === 'local' && <LoraPicker path={pane.model.path} value={pane.load.lora ?? []} onChange={(lora) => save({ load: { lora } })} />}
      <Text size="xs" c="dimmed">
        {t('compare.settings.loadHint')}
      </Text>
      <Text size="xs" fw={600} mt="xs">
        {t('compare.settings.sampling')}
      </Text>
      {number('temperature', t('compare.settings.temperature'), pane.sampling.temperature, (n) => n !== null && save({ sampling: { temperature: n } }), { min: 0, max: 2, step: 0.1, decimalScale: 2 })}
      {number('top-p', t('compare.settings.topP'), pane.sampling.topP, (n) => n !== null && save({ sampling: { topP: n } }), { min: 0, max: 1, step: 0.05, decimalScale: 2 })}
      {number('repeat-penalty', t('compare.settings.repeatPenalty'), pane.sampling.repeatPenalty, (n) => n !== null && save({ sampling: { repeatPenalty: n } }), { min: 1, max: 2, step: 0.05, decimalScale: 2 })}
      {number('max-tokens', t('compare.settings.maxTokens'), pane.sampling.maxTokens, (n) => n && save({ sampling: { maxTokens: n } }), { min: 1, max: 32768 })}
      <Textarea
        size="xs"
        label={t('compare.settings.systemPrompt')}
        autosize
        minRows={2}
        maxRows={6}
        value={system}
        disabled={disabled}
        onChange={(e) => setSystem(e.currentTarget.value)}
        onBlur={() => system !== pane.systemPrompt && save({ systemPrompt: system })}
        data-testid={`${id}-system-prompt`}
      />
    </Stack>
  );
}
