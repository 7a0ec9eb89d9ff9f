import { Alert, Anchor, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeCallError } from '../../../platform/errors';
import { routeHref } from '../../../platform/routes';
import { Icon } from '../../../ui/Icon/Icon';

/** A Hub failure; offline gets its own message and the ways that still work. */
export function HubError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const code = (error as { code?: string } | null)?.code;
  if (code === 'HUB_UNREACHABLE') {
    const endpoint = (error as { data?: { endpoint?: string } }).data?.endpoint ?? '';
    return (
      <Alert color="yellow" icon={<Icon name="warning" />} title={t('hub.offline.title')} data-testid="hub-offline">
        <Text size="sm">{t('hub.offline.body', { endpoint })}</Text>
        <Group gap="md" mt="xs">
          <Anchor href={routeHref('catalog')} size="sm">
            {t('hub.offline.catalog')}
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
      {describeCallError(t, error)}
    </Alert>
  );
}
