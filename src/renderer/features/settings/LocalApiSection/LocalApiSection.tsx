import { Alert, Divider, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../../../state/appStore';
import { describeCallError } from '../../../platform/errors';
import { Section } from '../../../ui/Section/Section';
import { ApiKeys } from './ApiKeys/ApiKeys';
import { CorsOrigins } from './CorsOrigins/CorsOrigins';
import { NumberSettingForm } from './NumberSettingForm/NumberSettingForm';
import { ServeControls } from './ServeControls/ServeControls';
import { useApiStatus } from '../../../state/apiStatus';
import { useSaveSettings } from './useSaveSettings';
import { LoadingLine } from '../../../ui/LoadingLine/LoadingLine';

/**
 * Settings → Local API: where the API is served (the desktop app's port; the headless host always
 * serves), who may call it (keys, browser origins) and how long models it loaded stay.
 */
export function LocalApiSection() {
  const { t } = useTranslation();
  const status = useApiStatus();
  const { apiRequireKey, apiIdleUnloadMinutes } = useSettings();
  const requireKey = useSaveSettings();
  const idle = useSaveSettings();

  return (
    <Section title={t('settings.localApi.title')} description={t('settings.localApi.description')} testId="local-api-section">
      {status === null ? (
        <LoadingLine />
      ) : status.shell === 'electron' ? (
        <ServeControls status={status} />
      ) : (
        <Text size="sm" role="status" style={{ overflowWrap: 'anywhere' }} data-testid="api-headless-line">
          {t('settings.localApi.headless', { url: status.baseUrl ?? '' })}
        </Text>
      )}
      <Divider />
      <div>
        <Switch
          label={t('settings.localApi.requireKey')}
          description={t('settings.localApi.requireKeyHint')}
          checked={apiRequireKey}
          disabled={requireKey.busy}
          onChange={(e) => void requireKey.save({ apiRequireKey: e.currentTarget.checked })}
          data-testid="api-require-key-switch"
        />
        {requireKey.error !== null && (
          <Alert color="red" variant="light" mt="xs" role="alert">
            {describeCallError(t, requireKey.error)}
          </Alert>
        )}
      </div>
      <CorsOrigins />
      <NumberSettingForm
        key={apiIdleUnloadMinutes}
        label={t('settings.localApi.idle.label')}
        description={t('settings.localApi.idle.hint')}
        saved={apiIdleUnloadMinutes}
        min={0}
        max={1440}
        invalidMessage={t('settings.localApi.idle.invalid')}
        onSave={(value) => idle.save({ apiIdleUnloadMinutes: value })}
        busy={idle.busy}
        error={idle.error}
        testId="api-idle"
      />
      <Divider />
      <ApiKeys />
    </Section>
  );
}
