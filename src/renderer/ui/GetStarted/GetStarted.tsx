import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FolderSuggestions } from '../FolderSuggestions/FolderSuggestions';
import { NextSteps } from '../NextSteps/NextSteps';
import { StarterOffer } from '../StarterOffer/StarterOffer';

/**
 * What every view shows when there is no model anywhere: the model folders of other apps found
 * here first (no download needed), then one starter model, then the other ways in.
 */
export function GetStarted() {
  const { t } = useTranslation();
  return (
    <Stack gap="md" align="center" w="100%" data-testid="get-started">
      <div style={{ maxWidth: 720, width: '100%' }}>
        <FolderSuggestions />
      </div>
      <StarterOffer />
      <Text size="sm" c="dimmed" ta="center">
        {t('shell.next.or')}
      </Text>
      <NextSteps steps={['catalog', 'hub', 'addFolder']} quiet />
    </Stack>
  );
}
