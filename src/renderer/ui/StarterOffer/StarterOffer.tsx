import { Alert, Anchor, Badge, Button, Group, Loader, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Download, StarterModel } from '../../../shared/contract';
import type { Language } from '../../../shared/i18n';
import { useClient } from '../../state/appStore';
import { actOnDownload, useDownloadsStore } from '../../state/downloadsStore';
import { describeCallError } from '../../platform/errors';
import { settingsHref } from '../../state/routes';
import { downloadStarter, findStarter, useStarterStore } from '../../state/starterStore';
import { FitLabelBadge, useFitDetails } from '../FitLabelBadge/FitLabelBadge';
import { Icon } from '../Icon/Icon';
import { useFormat } from '../useFormat';

/**
 * A first model for this computer, like LM Studio's and Jan's: picked from the catalog by the
 * host (small, license allowing use, fits with room to spare), downloaded with one click through
 * the verified queue; Chat opens with it when it lands.
 */
export function StarterOffer() {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const language = (i18n.language === 'zh-CN' ? 'zh-CN' : 'en') satisfies Language;
  const pick = useStarterStore((s) => (s.pickLanguage === language ? s.pick : null));
  const pendingId = useStarterStore((s) => s.pendingDownloadId);
  const pending = useDownloadsStore((s) => (pendingId ? (s.downloads?.find((d) => d.id === pendingId) ?? null) : null));
  const titleId = useId();

  useEffect(() => {
    void findStarter(client, language);
  }, [client, language]);

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={titleId} data-testid="starter" w="100%">
      <Stack gap="sm">
        <Title order={3} size="h5" id={titleId}>
          {t('shell.starter.title')}
        </Title>
        {pending ? (
          <StarterProgress download={pending} />
        ) : !pick || pick.status === 'loading' ? (
          <Group gap="sm" data-testid="starter-loading">
            <Loader size="sm" aria-hidden="true" />
            <Text size="sm" c="dimmed">
              {t('shell.starter.looking')}
            </Text>
          </Group>
        ) : pick.status === 'error' ? (
          <StarterUnavailable error={pick.error} onRetry={() => void findStarter(client, language, true)} />
        ) : pick.value === null ? (
          <Text size="sm" c="dimmed" data-testid="starter-none">
            {t('shell.starter.none')}
          </Text>
        ) : (
          <StarterCard starter={pick.value} />
        )}
      </Stack>
    </Paper>
  );
}

function StarterCard({ starter }: { starter: StarterModel }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const format = useFormat();
  const details = useFitDetails()(starter.fit);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const summary = i18n.language === 'zh-CN' ? starter.summary['zh-CN'] : starter.summary.en;

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      await downloadStarter(client, starter);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs" data-testid="starter-model" data-repo={starter.repoId} data-path={starter.path}>
      <Group justify="space-between" align="center" gap="sm">
        <div style={{ minWidth: 0 }}>
          <Text fw={600} data-testid="starter-name">
            {starter.variantName}
          </Text>
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {starter.repoId} · {starter.path}
          </Text>
        </div>
        <Button leftSection={<Icon name="download" size={16} />} loading={busy} onClick={() => void start()} data-testid="starter-download">
          {t('shell.starter.download', { size: format.bytes(starter.sizeBytes) })}
        </Button>
      </Group>
      <Group gap="xs">
        <Badge variant="light" color="gray" data-testid="starter-size">
          {t('shell.starter.size', { size: format.bytes(starter.sizeBytes) })}
        </Badge>
        {starter.quantization && (
          <Badge variant="light" color="gray">
            {starter.quantization}
          </Badge>
        )}
        <Badge variant="light" color="teal" data-testid="starter-license">
          {t('shell.starter.license', { license: starter.license.name })}
        </Badge>
        <FitLabelBadge fit={starter.fit} />
      </Group>
      <Text size="sm" lineClamp={2}>
        {summary}
      </Text>
      <Text size="xs" c="dimmed" data-testid="starter-fit-details">
        {t('shell.starter.why')} {details}
      </Text>
      {error !== null && (
        <Text size="sm" c="red" role="alert" data-testid="starter-error">
          {describeCallError(t, error)}
        </Text>
      )}
    </Stack>
  );
}

function StarterProgress({ download }: { download: Download }) {
  const { t } = useTranslation();
  const client = useClient();
  const format = useFormat();
  const percent = download.totalBytes > 0 ? Math.min(100, Math.floor((download.receivedBytes * 100) / download.totalBytes)) : 0;
  const failed = download.state === 'failed';
  return (
    <Stack gap="xs" data-testid="starter-progress" data-state={download.state}>
      <Text size="sm">{failed ? t('shell.starter.failed') : t('shell.starter.downloading', { file: download.primaryPath })}</Text>
      <Progress value={percent} color={failed ? 'red' : undefined} aria-label={t('shell.starter.progress', { percent })} />
      <Text size="xs" c="dimmed">
        {t('downloads.bytes', { received: format.bytes(download.receivedBytes), total: format.bytes(download.totalBytes) })}
      </Text>
      {failed ? (
        <Group gap="sm">
          {download.error && (
            <Text size="sm" c="red" role="alert">
              {t(`downloads.error.${download.error.code}`, { path: download.quarantinedPath ?? '' })}
            </Text>
          )}
          <Button size="xs" variant="default" onClick={() => void actOnDownload(client, 'resume', download.id).catch(() => undefined)}>
            {t('downloads.action.retry')}
          </Button>
        </Group>
      ) : (
        <Text size="xs" c="dimmed">
          {t('shell.starter.opensChat')}
        </Text>
      )}
    </Stack>
  );
}

/** The Hub could not be asked: offline (or blocked), with the retry and the mirror setting. */
function StarterUnavailable({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const offline = (error as { code?: string } | null)?.code === 'HUB_UNREACHABLE';
  const endpoint = (error as { data?: { endpoint?: string } }).data?.endpoint ?? '';
  return (
    <Alert color="yellow" variant="light" icon={<Icon name="warning" />} data-testid="starter-unavailable" data-offline={offline}>
      <Text size="sm">{offline ? t('shell.starter.offline', { endpoint }) : describeCallError(t, error)}</Text>
      <Group gap="md" mt="xs">
        <Button size="compact-sm" variant="default" leftSection={<Icon name="refresh" size={14} />} onClick={onRetry} data-testid="starter-retry">
          {t('common.retry')}
        </Button>
        <Anchor href={settingsHref('hub')} size="sm" data-testid="starter-mirror">
          {t('shell.next.mirror')}
        </Anchor>
      </Group>
    </Alert>
  );
}
