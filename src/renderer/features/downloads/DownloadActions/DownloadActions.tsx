import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Download } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { actOnDownload, isActiveDownload, type DownloadAction } from '../../../state/downloadsStore';
import { describeCallError } from '../../../platform/errors';
import { routeHref, startChatWithModel } from '../../../state/routes';
import { ConfirmDialog } from '../../../ui/ConfirmDialog/ConfirmDialog';
import { Icon } from '../../../ui/Icon/Icon';
import { useFormat } from '../../../ui/useFormat';
import { fileNameOf } from '../downloadLabels';

/** The buttons a download's state allows; anything that deletes received data asks first. */
export function DownloadActions({ download }: { download: Download }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  // The kind outlives `open`, so the dialog's text does not change while it fades out.
  const [dialog, setDialog] = useState<{ kind: 'cancel' | 'remove'; open: boolean }>({ kind: 'cancel', open: false });
  const { state } = download;
  const active = isActiveDownload(download);
  const stoppable = active || state === 'paused';
  // A failed download keeps what it received (so Retry resumes); removing it deletes that.
  const removeLoses = state === 'failed' && download.receivedBytes > 0;

  const run = async (step: () => Promise<unknown>) => {
    setDialog((d) => ({ ...d, open: false }));
    setBusy(true);
    setProblem(null);
    try {
      await step();
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };
  const act = (action: DownloadAction) => void run(() => actOnDownload(client, action, download.id));

  const ask = (kind: 'cancel' | 'remove') => setDialog({ kind, open: true });
  const texts = dialog.kind === 'remove' ? 'downloads.confirmRemove' : 'downloads.confirmCancel';

  return (
    <div>
      <Group gap="xs">
        {active && (
          <Button size="compact-sm" variant="default" disabled={busy} onClick={() => act('pause')} data-testid="download-pause">
            {t('downloads.action.pause')}
          </Button>
        )}
        {(state === 'paused' || state === 'failed') && (
          <Button size="compact-sm" variant="light" disabled={busy} onClick={() => act('resume')} data-testid="download-resume">
            {t(state === 'failed' ? 'downloads.action.retry' : 'downloads.action.resume')}
          </Button>
        )}
        {state === 'done' && (
          <>
            <Button
              size="compact-sm"
              variant="light"
              leftSection={<Icon name="chat" size={14} />}
              disabled={busy}
              onClick={() => void run(() => startChatWithModel(client, download.destination))}
              data-testid="download-chat"
            >
              {t('downloads.action.chat')}
            </Button>
            <Button size="compact-sm" variant="default" component="a" href={routeHref('models')} data-testid="download-show">
              {t('downloads.action.showInModels')}
            </Button>
          </>
        )}
        {stoppable && (
          <Button size="compact-sm" variant="subtle" color="red" disabled={busy} onClick={() => ask('cancel')} data-testid="download-cancel">
            {t('downloads.action.cancel')}
          </Button>
        )}
        {!stoppable && (
          <Button
            size="compact-sm"
            variant="subtle"
            color="gray"
            disabled={busy}
            onClick={() => (removeLoses ? ask('remove') : act('remove'))}
            data-testid="download-remove"
          >
            {t('downloads.action.remove')}
          </Button>
        )}
      </Group>
      {problem !== null && (
        <Text size="sm" c="red" mt={4} role="alert" data-testid="download-action-error">
          {describeCallError(t, problem)}
        </Text>
      )}
      <ConfirmDialog
        opened={dialog.open}
        title={t(`${texts}.title`)}
        body={t(`${texts}.body`, { size: format.bytes(download.receivedBytes), file: fileNameOf(download) })}
        confirmLabel={t(`${texts}.confirm`)}
        cancelLabel={dialog.kind === 'cancel' ? t('downloads.confirmCancel.keep') : undefined}
        onConfirm={() => act(dialog.kind)}
        onCancel={() => setDialog((d) => ({ ...d, open: false }))}
      />
    </div>
  );
}
