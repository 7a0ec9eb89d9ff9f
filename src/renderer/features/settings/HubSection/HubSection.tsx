import { Alert, Code, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LoadingLine } from '../../../ui/LoadingLine/LoadingLine';
import { useSettings } from '../../../state/appStore';
import { describeCallError } from '../../../platform/errors';
import { useHubStatus } from '../../../state/hubStatus';
import { Section } from '../../../ui/Section/Section';
import { HubEndpointForm } from '../HubEndpointForm/HubEndpointForm';
import { HubTokenForm } from '../HubTokenForm/HubTokenForm';

/** Which Hub Caliper talks to (a mirror, HF_ENDPOINT or huggingface.co) and the access token. */
export function HubSection() {
  const { t } = useTranslation();
  const { hubEndpoint } = useSettings();
  const { status, error, setStatus } = useHubStatus();

  return (
    <Section title={t('settings.hub.title')} description={t('settings.hub.description')} testId="hub-section">
      {status === null && error === null && <LoadingLine label={t('settings.hub.loading')} />}
      {error !== null && (
        <Alert color="red" variant="light" data-testid="hub-status-error">
          {describeCallError(t, error)}
        </Alert>
      )}
      {status && (
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            {t('settings.hub.inUse')}
          </Text>
          <Group gap="xs" wrap="wrap">
            <Code style={{ overflowWrap: 'anywhere' }} data-testid="hub-endpoint-in-use" data-source={status.endpointSource}>
              {status.endpoint}
            </Code>
            <Text size="xs" c="dimmed" data-testid="hub-endpoint-source">
              {t(`settings.hub.source.${status.endpointSource}`)}
            </Text>
          </Group>
        </Stack>
      )}
      <HubEndpointForm key={hubEndpoint ?? ''} saved={hubEndpoint} />
      {status && <HubTokenForm hasToken={status.hasToken} onSaved={setStatus} />}
    </Section>
  );
}
