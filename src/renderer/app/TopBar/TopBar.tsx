import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ConnectionIndicator } from '../ConnectionIndicator/ConnectionIndicator';

export function TopBar() {
  const { t } = useTranslation();
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Text component="span" fw={700} fz="lg" data-testid="app-name">
        {t('app.name')}
      </Text>
      <ConnectionIndicator />
    </Group>
  );
}
