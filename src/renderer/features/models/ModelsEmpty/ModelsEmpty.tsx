import { Button, Code, EmptyState } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSystemInfo } from '../../../platform/appStore';
import { routeHref } from '../../../platform/routes';
import { Icon } from '../../../ui/Icon/Icon';

/** No files at all: say where models come from and link to the place that adds them. */
export function ModelsEmpty() {
  const { t } = useTranslation();
  const { modelsDir } = useSystemInfo();
  return (
    <EmptyState
      withIndicatorBackground
      icon={<Icon name="folder" size={28} />}
      title={t('models.empty.title')}
      data-testid="models-empty"
      py="xl"
    >
      <EmptyState.Description>
        {t('models.empty.body')}
        <br />
        <Code data-testid="default-models-dir">{modelsDir}</Code>
      </EmptyState.Description>
      <EmptyState.Actions>
        <Button component="a" href={routeHref('settings')} leftSection={<Icon name="plus" size={16} />}>
          {t('models.empty.action')}
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
