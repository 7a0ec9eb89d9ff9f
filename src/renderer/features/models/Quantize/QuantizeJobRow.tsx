import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { QuantizeJob } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { useFormat } from '../../../ui/useFormat';

const baseName = (path: string) => path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);

/** One quantization: a per-tensor progress bar and cancel while running, then the outcome in words. */
export function QuantizeJobRow({ job }: { job: QuantizeJob }) {
  const { t } = useTranslation();
  const client = useClient();
  const format = useFormat();
  const percent = job.tensorsTotal > 0 ? (job.tensorsDone / job.tensorsTotal) * 100 : 0;
  return (
    <Stack gap={6} data-testid="quantize-job" data-state={job.state} data-type={job.type}>
      {job.state === 'running' && (
        <>
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">
              {t('quantize.state.running')} {job.type} · {format.bytes(job.predictedBytes)}
            </Text>
            <Button size="compact-xs" variant="light" color="red" onClick={() => void client.quantize.cancel({ id: job.id })} data-testid="quantize-cancel">
              {t('quantize.cancel')}
            </Button>
          </Group>
          <Progress value={percent} aria-label={t('quantize.progressLabel')} data-testid="quantize-progress" data-done={job.tensorsDone} transitionDuration={150} />
          <Text size="xs" c="dimmed">
            {t('quantize.progress', { done: format.integer(job.tensorsDone), total: format.integer(job.tensorsTotal) })}
          </Text>
        </>
      )}
      {job.state === 'done' && (
        <Alert color="green" variant="light" data-testid="quantize-done">
          <Text size="sm">{t('quantize.state.done', { name: baseName(job.outputPath) })}</Text>
        </Alert>
      )}
      {job.state === 'cancelled' && <Text size="sm" c="dimmed">{t('quantize.state.cancelled')}</Text>}
      {job.state === 'failed' && job.error && (
        <Alert color="red" variant="light" title={t('quantize.state.failed')} role="alert" data-testid="quantize-failed">
          <Text size="sm">{t(`quantize.error.${job.error.code}`)}</Text>
          <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
            {job.error.detail}
          </Text>
        </Alert>
      )}
      {job.state !== 'running' && (
        <Button size="compact-xs" variant="subtle" w="fit-content" onClick={() => void client.quantize.remove({ id: job.id })}>
          {t('quantize.dismiss')}
        </Button>
      )}
    </Stack>
  );
}
