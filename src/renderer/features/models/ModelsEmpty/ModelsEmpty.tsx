import { Code, EmptyState, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSystemInfo } from '../../../platform/appStore';
import { GetStarted } from '../../../ui/GetStarted/GetStarted';
import { Icon } from '../../../ui/Icon/Icon';

/** No files at all: where models come from, other apps' folders, and a first model to download. */
export function ModelsEmpty() {
  const { t } = useTranslation();
  const { modelsDir } = useSystemInfo();
  return (
    <Stack gap="lg" align="center" data-testid="models-empty" py="md">
      <EmptyState withIndicatorBackground icon={<Icon name="folder" size={28} />} title={t('models.empty.title')}>
        <EmptyState.Description>
          {t('models.empty.body')}
          <br />
          <Code data-testid="default-models-dir">{modelsDir}</Code>
        </EmptyState.Description>
      </EmptyState>
      <GetStarted />
    </Stack>
  );
}
