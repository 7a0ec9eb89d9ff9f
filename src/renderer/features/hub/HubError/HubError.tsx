import { Alert, Anchor, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeCallError } from '../../../platform/errors';
import { routeHref, settingsHref } from '../../../state/routes';
import { Icon } from '../../../ui/Icon/Icon';

/**
 * A Hub failure with a way to try again. Offline gets its own message, the mirror setting (where
 * the Hub is blocked, a mirror is the way in) and the parts that still work.
 */
export function HubError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const code = (error as { code?: string } | null)?.code;
  const retry = (
    <Button size="compact-sm" variant="default" leftSection={<Icon name="refresh" size={14} />} onClick={onRetry} data-testid="hub-retry">
      {t('common.retry')}
    </Button>
  );
  if (code === 'HUB_UNREACHABLE') {
    const endpoint = (error as { data?: { endpoint?: string } }).data?.endpoint ?? '';
    return (
      <Alert color="yellow" icon={<Icon name="warning" />} title={t('hub.offline.title')} data-testid="hub-offline">
        <Text size="sm">{t('hub.offline.body', { endpoint })}</Text>
        <Text size="sm" mt={4}>
          {t('hub.offline.mirrorHint')}
        </Text>
        <Group gap="md" mt="xs">
          {retry}
          <Anchor href={settingsHref('hub')} size="sm" data-testid="hub-mirror-setting">
            {t('shell.next.mirror')}
          </Anchor>
          <Anchor href={routeHref('catalog')} size="sm">
            {t('shell.next.catalog')}
          </Anchor>
          <Anchor href={routeHref('models')} size="sm">
            {t('hub.offline.models')}
          </Anchor>
        </Group>
      </Alert>
    );
  }
  return (
    <Alert color="red" icon={<Icon name="warning" />} data-testid="hub-error">
      <Text size="sm">{describeCallError(t, error)}</Text>
      <Group mt="xs">{retry}</Group>
    </Alert>
  );
}
