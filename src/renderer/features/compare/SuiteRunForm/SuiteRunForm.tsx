import { Button, Checkbox, Group, NumberInput, Stack, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { modelKey, modelName, refOfKey, type ModelRef, type Suite } from '../../../../shared/contract';
import { useConnectionsStore } from '../../../state/connections';
import { useClient } from '../../../state/appStore';
import { useCompareStore } from '../compareStore';
import { startRun } from '../suitesStore';

/** Which models run the suite, with one sampling choice for all of them (fair by construction). */
export function SuiteRunForm({ suite }: { suite: Suite }) {
  const { t } = useTranslation();
  const client = useClient();
  const files = useCompareStore((s) => s.models) ?? [];
  const connections = useConnectionsStore((s) => s.connections) ?? [];
  // Files on this computer and every model a remote engine listed, by one key each.
  const models = [
    ...files.map((f) => ({ ref: { kind: 'local', path: f.path } as ModelRef, label: f.relativePath })),
    ...connections.flatMap((c) =>
      (c.lastTest?.models ?? []).map((m) => ({ ref: { kind: 'remote', connectionId: c.id, model: m } as ModelRef, label: modelName({ kind: 'remote', connectionId: c.id, model: m }, connections) })),
    ),
  ];
  const [chosen, setChosen] = useState<string[]>([]);
  const [temperature, setTemperature] = useState<number>(0);
  const [maxTokens, setMaxTokens] = useState<number>(256);
  const [warmUp, setWarmUp] = useState(true);

  const start = () =>
    void startRun(
      client,
      suite.id,
      chosen.map((key) => ({ model: refOfKey(key), sampling: { temperature, maxTokens, seed: 42 } })),
      warmUp,
    );

  return (
    <Stack gap="xs" data-testid="suite-run-form">
      <Checkbox.Group label={t('compare.suites.models')} value={chosen} onChange={setChosen}>
        <Stack gap={4} mt={4}>
          {models.map((m) => (
            <Checkbox key={modelKey(m.ref)} value={modelKey(m.ref)} label={m.label} data-testid="suite-model" data-path={modelKey(m.ref)} />
          ))}
        </Stack>
      </Checkbox.Group>
      <Group gap="sm" align="flex-end">
        <NumberInput
          size="xs"
          w={120}
          label={t('compare.settings.temperature')}
          min={0}
          max={2}
          step={0.1}
          decimalScale={2}
          value={temperature}
          onChange={(v) => setTemperature(Number(v) || 0)}
          data-testid="suite-temperature"
        />
        <NumberInput
          size="xs"
          w={120}
          label={t('compare.settings.maxTokens')}
          min={1}
          max={32768}
          value={maxTokens}
          onChange={(v) => setMaxTokens(Math.max(1, Math.round(Number(v) || 1)))}
          data-testid="suite-max-tokens"
        />
        <Switch size="xs" label={t('compare.options.warmUp')} checked={warmUp} onChange={(e) => setWarmUp(e.currentTarget.checked)} data-testid="suite-warm-up" />
      </Group>
      <Text size="xs" c="dimmed">
        {t('compare.suites.fairness')}
      </Text>
      <Button disabled={chosen.length === 0} onClick={start} style={{ alignSelf: 'flex-start' }} data-testid="suite-run">
        {t('compare.suites.run', { count: suite.prompts.length * chosen.length })}
      </Button>
    </Stack>
  );
}
