import { NumberInput, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localPath, type Pane } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { updatePane, useCompareStore } from '../compareStore';
import { LoadSettingsForm } from '../../../ui/LoadSettingsForm/LoadSettingsForm';

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
  const facts = useCompareStore((s) =>
    pane.model?.kind === 'local' ? (s.models?.find((m) => m.path === localPath(pane.model))?.facts ?? null) : null,
  );
  const save = (patch: Parameters<typeof updatePane>[2]) => void updatePane(client, pane.position, patch);
  const id = `pane-${pane.position}`;

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
      {pane.model?.kind === 'local' ? (
        <LoadSettingsForm
          path={pane.model.path}
          value={pane.load}
          onChange={(load) => save({ load })}
          facts={facts}
          disabled={disabled}
          testIdPrefix={`${id}-load`}
        />
      ) : (
        pane.model?.kind === 'remote' && (
          <Text size="xs" c="dimmed" maw={260}>
            {t('compare.settings.loadLocalOnly')}
          </Text>
        )
      )}
      <Text size="xs" c="dimmed">
        {t('compare.settings.loadHint')}
      </Text>
      <Text size="xs" fw={600} mt="xs">
        {t('compare.settings.sampling')}
      </Text>
      {number(
        'temperature',
        t('compare.settings.temperature'),
        pane.sampling.temperature,
        (n) => n !== null && save({ sampling: { temperature: n } }),
        { min: 0, max: 2, step: 0.1, decimalScale: 2 },
      )}
      {number('top-p', t('compare.settings.topP'), pane.sampling.topP, (n) => n !== null && save({ sampling: { topP: n } }), {
        min: 0,
        max: 1,
        step: 0.05,
        decimalScale: 2,
      })}
      {number(
        'repeat-penalty',
        t('compare.settings.repeatPenalty'),
        pane.sampling.repeatPenalty,
        (n) => n !== null && save({ sampling: { repeatPenalty: n } }),
        { min: 1, max: 2, step: 0.05, decimalScale: 2 },
      )}
      {number('max-tokens', t('compare.settings.maxTokens'), pane.sampling.maxTokens, (n) => n && save({ sampling: { maxTokens: n } }), {
        min: 1,
        max: 32768,
      })}
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
