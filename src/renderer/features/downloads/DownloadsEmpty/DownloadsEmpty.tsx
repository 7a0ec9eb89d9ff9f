import { Button, EmptyState } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { routeHref } from '../../../platform/routes';
import { Icon } from '../../../ui/Icon/Icon';

/** An empty queue points to where downloads start. */
export function DownloadsEmpty() {
  const { t } = useTranslation();
  return (
    <EmptyState
      withIndicatorBackground
      icon={<Icon name="download" size={28} />}
      title={t('downloads.empty.title')}
      data-testid="downloads-empty"
      py="xl"
    >
      <EmptyState.Description>{t('downloads.empty.body')}</EmptyState.Description>
      <EmptyState.Actions>
        <Button component="a" href={routeHref('hub')} leftSection={<Icon name="search" size={16} />} data-testid="downloads-empty-hub">
          {t('downloads.empty.hub')}
        </Button>
        <Button component="a" href={routeHref('catalog')} variant="default" leftSection={<Icon name="catalog" size={16} />} data-testid="downloads-empty-catalog">
          {t('downloads.empty.catalog')}
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
