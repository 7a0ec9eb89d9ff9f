import { Alert, Button, DataList, Group, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeCallError } from '../../../platform/errors';
import { useFormat } from '../../../ui/useFormat';
import { useGpuInfo } from '../../../state/gpuInfo';

/** What llama.cpp can use here; this takes a moment the first time (it loads the native binaries). */
export function GpuDetails() {
  const { t } = useTranslation();
  const format = useFormat();
  const { state, retry } = useGpuInfo();

  if (state.status === 'loading') {
    return (
      <Group gap="sm" role="status" data-testid="gpu-loading">
        <Loader size="sm" aria-hidden="true" />
        <Text size="sm" c="dimmed">
          {t('settings.system.gpu.detecting')}
        </Text>
      </Group>
    );
  }

  if (state.status === 'error') return <GpuFailed reason={describeCallError(t, state.error)} detail={null} onRetry={retry} />;
  if (state.info.state === 'failed') {
    return (
      <GpuFailed reason={t(`settings.system.gpu.failed.${state.info.code}`)} detail={state.info.detail} onRetry={retry} />
    );
  }

  const gpu = state.info;
  const noVram = gpu.backend === 'cpu' && gpu.vramTotalBytes === 0;
  const none = t('common.none');
  return (
    <DataList labelWidth={200} withDivider size="sm" data-testid="gpu-details">
      <Row label={t('settings.system.gpu.backend')}>
        <span data-testid="gpu-backend" data-value={gpu.backend}>
          {t(`settings.system.gpu.backends.${gpu.backend}`)}
        </span>
      </Row>
      <Row label={t('settings.system.gpu.devices')}>
        <span data-testid="gpu-devices">
          {gpu.deviceNames.length > 0 ? gpu.deviceNames.join(', ') : t('settings.system.gpu.noDevices')}
        </span>
      </Row>
      <Row label={t('settings.system.gpu.vramTotal')}>
        <span data-testid="gpu-vram-total">{noVram ? none : format.memory(gpu.vramTotalBytes)}</span>
      </Row>
      <Row label={t('settings.system.gpu.vramFree')}>
        <span data-testid="gpu-vram-free">{noVram ? none : format.memory(gpu.vramFreeBytes)}</span>
      </Row>
      <Row label={t('settings.system.gpu.cpuMathCores')}>
        <span data-testid="gpu-cpu-math-cores">{format.integer(gpu.cpuMathCores)}</span>
      </Row>
    </DataList>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

function GpuFailed({ reason, detail, onRetry }: { reason: string; detail: string | null; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" variant="light" title={t('settings.system.gpu.failedTitle')} data-testid="gpu-failed">
      <Text size="sm">{reason}</Text>
      {detail && (
        <Text size="xs" c="dimmed" ff="monospace" mt={4} style={{ overflowWrap: 'anywhere' }}>
          {detail}
        </Text>
      )}
      <Button mt="sm" size="compact-sm" variant="default" onClick={onRetry}>
        {t('common.retry')}
      </Button>
    </Alert>
  );
}
