import { EmptyState } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../ui/Icon/Icon';
import { NextSteps } from '../../../ui/NextSteps/NextSteps';

/** An empty queue points to where downloads start, in the words every empty view uses. */
export function DownloadsEmpty() {
  const { t } = useTranslation();
  return (
    <EmptyState withIndicatorBackground icon={<Icon name="download" size={28} />} title={t('downloads.empty.title')} data-testid="downloads-empty" py="xl">
      <EmptyState.Description>{t('downloads.empty.body')}</EmptyState.Description>
      <EmptyState.Actions>
        <NextSteps steps={['hub', 'catalog']} />
      </EmptyState.Actions>
    </EmptyState>
  );
}
