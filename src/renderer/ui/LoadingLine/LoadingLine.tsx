import { Group, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** "Loading…" with a spinner, announced politely, where a section waits for its first answer. */
export function LoadingLine() {
  const { t } = useTranslation();
  return (
    <Group gap="sm" role="status">
      <Loader size="sm" aria-hidden="true" />
      <Text size="sm" c="dimmed">
        {t('app.loadingView')}
      </Text>
    </Group>
  );
}
