import { Code } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSystemInfo } from '../../../state/appStore';
import { GetStarted } from '../../../ui/GetStarted/GetStarted';

/** No files at all: where models come from, other apps' folders, and a first model to download. */
export function ModelsEmpty() {
  const { t } = useTranslation();
  const { modelsDir } = useSystemInfo();
  return (
    <GetStarted
      order={2}
      title={t('models.empty.title')}
      testId="models-empty"
      description={
        <>
          {t('models.empty.body')} <Code data-testid="default-models-dir">{modelsDir}</Code>
        </>
      }
    />
  );
}
