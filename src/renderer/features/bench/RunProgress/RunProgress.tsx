import { Alert, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BenchRunState } from '../useBenchRun';

/** The run in flight: measurements done of all, what is being measured now, and warnings. */
export function RunProgress({ state }: { state: BenchRunState }) {
  const { t } = useTranslation();
  const p = state.progress;
  return (
    <Stack gap={4}>
      {p && (
        <Stack gap={4} data-testid="bench-progress" data-done={p.done} data-total={p.total} data-running={state.running}>
          <Progress value={p.total > 0 ? (p.done / p.total) * 100 : 0} animated={state.running} aria-label={t('bench.progress.label')} />
          <Text size="sm">
            {t('bench.progress.done', { done: p.done, total: p.total })}
            {state.running && ` · ${t(`bench.progress.phase.${p.phase}`, { name: p.name ?? '', repetition: p.repetition ?? '' })}`}
          </Text>
        </Stack>
      )}
      {state.disturbed && (
        <Alert color="orange" data-testid="bench-disturbed">
          {t('bench.progress.othersGenerating')}
        </Alert>
      )}
      {state.cancelled && !state.running && <Alert color="gray">{t('bench.progress.cancelled')}</Alert>}
    </Stack>
  );
}
