import { Alert, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { updateSettings, useSettings, useSystemInfo } from '../../../state/appStore';
import { describeCallError } from '../../../platform/errors';
import { Section } from '../../../ui/Section/Section';

/** Updates from GitHub releases: off until the user turns them on here. */
export function UpdatesSection() {
  const { t } = useTranslation();
  const { autoUpdate } = useSettings();
  const { shell } = useSystemInfo();
  const [error, setError] = useState<unknown>(null);

  const save = async (on: boolean) => {
    setError(null);
    try {
      await updateSettings({ autoUpdate: on });
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Section title={t('desktop.updates.title')} description={t('desktop.updates.description')} testId="updates-section">
      <Switch
        checked={autoUpdate}
        onChange={(e) => void save(e.currentTarget.checked)}
        label={t('desktop.updates.label')}
        description={t('desktop.updates.hint')}
        data-testid="auto-update"
      />
      {shell === 'headless' && (
        <Text size="xs" c="dimmed" data-testid="updates-headless">
          {t('desktop.updates.headless')}
        </Text>
      )}
      {error !== null && (
        <Alert color="red" variant="light" data-testid="settings-error">
          {describeCallError(t, error)}
        </Alert>
      )}
    </Section>
  );
}
