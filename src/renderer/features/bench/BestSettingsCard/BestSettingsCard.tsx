import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BenchLoadDefaults, BestSettings } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { useFormat } from '../../../ui/useFormat';
import { Section } from '../../../ui/Section/Section';
import { forgetLoadSettings } from '../../../state/loadSettingsStore';
import { CallError } from '../../../ui/CallError/CallError';

/** The fastest measured load settings of this model here, and "use as default" to adopt them. */
export function BestSettingsCard({ path, best, onChanged }: { path: string; best: BestSettings | null; onChanged: (b: BestSettings) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const format = useFormat();
  const [problem, setProblem] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const describe = (s: BenchLoadDefaults) =>
    s.flashAttention === undefined
      ? t('bench.best.valueNoFa', { threads: s.threads, batch: s.batchSize })
      : t('bench.best.value', { threads: s.threads, batch: s.batchSize, fa: s.flashAttention ? t('bench.form.on') : t('bench.form.off') });

  const adopt = async (settings: BenchLoadDefaults | null) => {
    setProblem(null);
    try {
      onChanged(await client.bench.useAsDefault({ path, settings }));
      // The file's load settings changed on the host: Chat reads them afresh.
      forgetLoadSettings(path);
      setSaved(settings !== null);
    } catch (error) {
      setProblem(error);
    }
  };

  const b = best?.best ?? null;
  return (
    <Section title={t('bench.best.title')} testId="bench-best">
      <Stack gap="xs">
        {b ? (
          <>
            <Text size="sm" data-testid="bench-best-value" data-threads={b.threads} data-batch={b.batchSize} data-fa={b.flashAttention}>
              {describe(b)}
            </Text>
            <Text size="xs" c="dimmed">
              {[
                b.generationTokensPerSecond !== null ? t('bench.best.generation', { rate: format.tokenRate(b.generationTokensPerSecond) }) : null,
                b.promptTokensPerSecond !== null ? t('bench.best.prompt', { rate: format.tokenRate(b.promptTokensPerSecond) }) : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
            <Group>
              <Button
                size="xs"
                onClick={() =>
                  void adopt({
                    threads: b.threads,
                    batchSize: b.batchSize,
                    ...(b.flashAttention !== undefined && { flashAttention: b.flashAttention }),
                  })
                }
                data-testid="bench-use-default"
              >
                {t('bench.best.use')}
              </Button>
            </Group>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t('bench.best.none')}
          </Text>
        )}
        {best?.chosen && (
          <Group gap="xs">
            <Text size="sm" data-testid="bench-chosen">
              {t('bench.best.chosen', { value: describe(best.chosen) })}
            </Text>
            <Button size="compact-xs" variant="subtle" onClick={() => void adopt(null)}>
              {t('bench.best.forget')}
            </Button>
          </Group>
        )}
        {saved && (
          <Text size="xs" c="green" role="status">
            {t('bench.best.used')}
          </Text>
        )}
        <CallError error={problem} />
      </Stack>
    </Section>
  );
}
