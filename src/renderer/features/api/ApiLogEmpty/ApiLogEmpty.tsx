import { Button, EmptyState } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { routeHref } from '../../../state/routes';
import { Icon } from '../../../ui/Icon/Icon';

/** No request yet: how to make the first one (a key, then one of the examples above). */
export function ApiLogEmpty() {
  const { t } = useTranslation();
  return (
    <EmptyState withIndicatorBackground icon={<Icon name="api" size={28} />} title={t('api.log.empty.title')} data-testid="api-log-empty" py="lg">
      <EmptyState.Description>{t('api.log.empty.body')}</EmptyState.Description>
      <EmptyState.Actions>
        <Button component="a" href={routeHref('settings')} variant="default" leftSection={<Icon name="settings" size={16} />} data-testid="api-log-empty-settings">
          {t('api.log.empty.createKey')}
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
