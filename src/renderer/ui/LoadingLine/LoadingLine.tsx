import { Group, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** "Loading…" (or what is loading) with a spinner, announced politely, where a section waits for its first answer. */
export function LoadingLine({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="sm" role="status">
      <Loader size="sm" aria-hidden="true" />
      <Text size="sm" c="dimmed">
        {label ?? t('app.loadingView')}
      </Text>
    </Group>
  );
}
