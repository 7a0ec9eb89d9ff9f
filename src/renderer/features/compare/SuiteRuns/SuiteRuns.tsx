import { Badge, Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SuiteRunStatus } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { useFormat } from '../../../ui/useFormat';
import { cancelRun, deleteRun, openRun, resumeRun, useSuitesStore } from '../suitesStore';

const statusColors: Record<SuiteRunStatus, string> = { queued: 'gray', running: 'blue', cancelled: 'yellow', done: 'teal' };

/** The queue and history of suite runs, each with its progress and what can be done with it. */
export function SuiteRuns() {
  const { t } = useTranslation();
  const client = useClient();
  const format = useFormat();
  const runs = useSuitesStore((s) => s.runs);
  const openId = useSuitesStore((s) => s.open?.id);

  if (runs && runs.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('compare.suites.noRuns')}
      </Text>
    );
  }
  return (
    <Stack gap="xs" data-testid="suite-runs">
      {runs?.map((run) => {
        const finished = run.done + run.failed;
        const percent = run.total ? Math.round((finished / run.total) * 100) : 0;
        return (
          <Paper key={run.id} withBorder p="xs" data-testid="suite-run-row" data-id={run.id} data-status={run.status} bg={run.id === openId ? 'var(--mantine-color-default-hover)' : undefined}>
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={500} truncate>
                  {run.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {format.when(run.createdAt)} · {t('compare.suites.size', { prompts: run.total / Math.max(1, run.models.length), models: run.models.length })}
                </Text>
              </div>
              <Badge color={statusColors[run.status]} variant="light" data-testid="suite-run-status">
                {t(`compare.suites.status.${run.status}`)}
              </Badge>
            </Group>
            <Group gap="xs" mt={6} wrap="nowrap">
              <Progress
                style={{ flex: 1 }}
                value={percent}
                size="md"
                animated={run.status === 'running'}
                aria-label={t('compare.suites.progress', { done: finished, total: run.total })}
                data-testid="suite-progress"
                data-done={run.done}
                data-total={run.total}
              />
              <Text size="xs" miw={70} ta="right">
                {t('compare.suites.cells', { done: format.integer(finished), total: format.integer(run.total) })}
              </Text>
            </Group>
            {run.failed > 0 && (
              <Text size="xs" c="red">
                {t('compare.suites.failed', { count: run.failed })}
              </Text>
            )}
            <Group gap={4} mt={6}>
              <Button size="compact-xs" variant="light" onClick={() => void openRun(client, run.id)} data-testid="suite-open">
                {t('compare.suites.open')}
              </Button>
              {(run.status === 'queued' || run.status === 'running') && (
                <Button size="compact-xs" variant="default" onClick={() => void cancelRun(client, run.id)} data-testid="suite-cancel">
                  {t('common.cancel')}
                </Button>
              )}
              {run.status === 'cancelled' && (
                <Button size="compact-xs" variant="default" onClick={() => void resumeRun(client, run.id)} data-testid="suite-resume">
                  {t('compare.suites.resume')}
                </Button>
              )}
              <Button size="compact-xs" variant="subtle" color="red" onClick={() => void deleteRun(client, run.id)} data-testid="suite-delete-run">
                {t('compare.suites.deleteRun')}
              </Button>
            </Group>
          </Paper>
        );
      })}
    </Stack>
  );
}
