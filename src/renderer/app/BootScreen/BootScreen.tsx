import { Center, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Shown until the first connection brought the settings and the system facts. */
export function BootScreen() {
  const { t } = useTranslation();
  return (
    <Center h="100vh" data-testid="boot-screen">
      <Stack align="center" gap="sm" role="status" aria-live="polite">
        <Loader aria-hidden="true" />
        <Text c="dimmed">{t('app.connecting')}</Text>
      </Stack>
    </Center>
  );
}
