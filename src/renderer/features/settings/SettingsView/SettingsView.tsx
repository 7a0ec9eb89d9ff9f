import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AppearanceSection } from '../AppearanceSection/AppearanceSection';
import { FoldersSection } from '../FoldersSection/FoldersSection';
import { HubSection } from '../HubSection/HubSection';
import { LocalApiSection } from '../LocalApiSection/LocalApiSection';
import { RemoteEnginesSection } from '../RemoteEnginesSection/RemoteEnginesSection';
import { StorageSection } from '../StorageSection/StorageSection';
import { SystemSection } from '../SystemSection/SystemSection';
import { UpdatesSection } from '../UpdatesSection/UpdatesSection';

export function SettingsView() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" maw={860}>
      <Title order={1} size="h2">
        {t('settings.title')}
      </Title>
      <AppearanceSection />
      <FoldersSection />
      <HubSection />
      <RemoteEnginesSection />
      <LocalApiSection />
      <UpdatesSection />
      <StorageSection />
      <SystemSection />
    </Stack>
  );
}
