import { Alert, Badge, Button, Code, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiStatus } from '../../../../shared/contract';
import { useSettings } from '../../../state/appStore';
import { routeHref } from '../../../state/routes';
import { Icon } from '../../../ui/Icon/Icon';
import { Section } from '../../../ui/Section/Section';
import { CopyTextButton } from '../CopyTextButton/CopyTextButton';
import { LoadingLine } from '../../../ui/LoadingLine/LoadingLine';

type ServeState = 'serving' | 'off' | 'starting' | 'unavailable';

function serveState(status: ApiStatus, enabled: boolean): ServeState {
  if (status.serving && status.baseUrl) return 'serving';
  if (status.error) return 'unavailable';
  // The headless host always serves; the desktop app only when turned on.
  return status.shell === 'electron' && !enabled ? 'off' : 'starting';
}

const stateColor: Record<ServeState, string> = { serving: 'green', off: 'gray', starting: 'blue', unavailable: 'red' };

/** Where programs reach the API, whether it answers now, and what to do when it does not. */
export function ApiEndpoint({ status }: { status: ApiStatus | null }) {
  const { t } = useTranslation();
  const { apiEnabled, apiPort, apiRequireKey } = useSettings();

  if (status === null) {
    return (
      <Section title={t('api.endpoint.title')} testId="api-endpoint">
        <LoadingLine />
      </Section>
    );
  }

  const state = serveState(status, apiEnabled);
  return (
    <Section title={t('api.endpoint.title')} testId="api-endpoint">
      <Group gap="xs" role="status" data-testid="api-serve-state" data-state={state}>
        <Badge color={stateColor[state]} variant="light">
          {t(`api.status.${state}`)}
        </Badge>
        {state === 'serving' && (
          <>
            <Text size="sm" fw={500}>
              {t('api.endpoint.baseUrl')}
            </Text>
            <Code fz="sm" style={{ overflowWrap: 'anywhere' }} data-testid="api-base-url">
              {status.baseUrl}
            </Code>
            <CopyTextButton
              text={status.baseUrl!}
              label={t('api.endpoint.copy')}
              copiedLabel={t('api.endpoint.copied')}
              ariaLabel={t('api.endpoint.copyLabel')}
              testId="api-base-url-copy"
            />
          </>
        )}
      </Group>
      {state === 'serving' ? (
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            {t(status.hostTokenAccepted ? 'api.endpoint.hostKeyHint' : 'api.endpoint.keyHint')}
          </Text>
          {!apiRequireKey && (
            <Text size="sm" c="dimmed" data-testid="api-no-key-hint">
              {t('api.endpoint.noKeyHint')}
            </Text>
          )}
        </Stack>
      ) : (
        <Alert color={state === 'unavailable' ? 'red' : 'gray'} variant="light" data-testid="api-not-serving">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">
              {status.error
                ? t(`api.status.${status.error}`, { port: apiPort })
                : t(state === 'off' ? 'api.status.offBody' : 'api.status.startingBody', { port: apiPort })}
            </Text>
            <Button component="a" href={routeHref('settings')} size="xs" variant="default" leftSection={<Icon name="settings" size={14} />} data-testid="api-open-settings">
              {t('api.status.openSettings')}
            </Button>
          </Stack>
        </Alert>
      )}
    </Section>
  );
}
