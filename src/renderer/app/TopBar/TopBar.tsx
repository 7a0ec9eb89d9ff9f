import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ConnectionIndicator } from '../ConnectionIndicator/ConnectionIndicator';
import { LoadedModels } from '../LoadedModels/LoadedModels';

export function TopBar() {
  const { t } = useTranslation();
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="md">
      <Text component="span" fw={700} fz="lg" data-testid="app-name" style={{ flex: 'none' }}>
        {t('app.name')}
      </Text>
      <Group gap="md" wrap="nowrap" style={{ minWidth: 0 }}>
        <LoadedModels />
        <ConnectionIndicator />
      </Group>
    </Group>
  );
}
