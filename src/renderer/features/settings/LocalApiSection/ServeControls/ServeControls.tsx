import { Alert, Stack, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiStatus } from '../../../../../shared/contract';
import { useSettings } from '../../../../state/appStore';
import { describeCallError } from '../../../../platform/errors';
import { NumberSettingForm } from '../NumberSettingForm/NumberSettingForm';
import { useSaveSettings } from '../useSaveSettings';

/** The desktop app's own API port: on or off, which port, and what happened when it tried to open it. */
export function ServeControls({ status }: { status: ApiStatus }) {
  const { t } = useTranslation();
  const { apiEnabled, apiPort } = useSettings();
  const toggle = useSaveSettings();
  const port = useSaveSettings();

  return (
    <Stack gap="sm">
      <Switch
        label={t('settings.localApi.serve')}
        description={t('settings.localApi.serveHint')}
        checked={apiEnabled}
        disabled={toggle.busy}
        onChange={(e) => void toggle.save({ apiEnabled: e.currentTarget.checked })}
        data-testid="api-enabled-switch"
      />
      {toggle.error !== null && (
        <Alert color="red" variant="light" role="alert">
          {describeCallError(t, toggle.error)}
        </Alert>
      )}
      <NumberSettingForm
        key={apiPort}
        label={t('settings.localApi.port')}
        description={t('settings.localApi.portHint', { port: apiPort })}
        saved={apiPort}
        min={1024}
        max={65535}
        invalidMessage={t('settings.localApi.portInvalid')}
        onSave={(value) => port.save({ apiPort: value })}
        busy={port.busy}
        error={port.error}
        testId="api-port"
      />
      <ServeStatus status={status} enabled={apiEnabled} port={apiPort} />
    </Stack>
  );
}

/** Serving at the URL, opening, or why the port could not be opened, in a sentence. */
function ServeStatus({ status, enabled, port }: { status: ApiStatus; enabled: boolean; port: number }) {
  const { t } = useTranslation();
  const state = status.serving ? 'serving' : status.error ? 'error' : enabled ? 'starting' : 'off';
  return (
    <div role="status" data-testid="api-serve-status" data-state={state}>
      {state === 'serving' && (
        <Text size="sm" c="green" style={{ overflowWrap: 'anywhere' }}>
          {t('settings.localApi.servingAt', { url: status.baseUrl })}
        </Text>
      )}
      {state === 'starting' && (
        <Text size="sm" c="dimmed">
          {t('api.status.startingBody', { port })}
        </Text>
      )}
      {state === 'error' && (
        <Alert color="red" variant="light" data-testid="api-serve-error" data-error={status.error}>
          {t(`api.status.${status.error}`, { port })}
        </Alert>
      )}
    </div>
  );
}
