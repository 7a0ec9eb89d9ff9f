import { Group, Switch, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../ui/Icon/Icon';
import { useLibraryStore } from '../libraryStore';

export function ModelFilters({ shown, total }: { shown: number; total: number }) {
  const { t } = useTranslation();
  const query = useLibraryStore((s) => s.query);
  const hideInvalid = useLibraryStore((s) => s.hideInvalid);
  return (
    <Group gap="lg" align="center">
      <TextInput
        aria-label={t('models.filter.label')}
        placeholder={t('models.filter.placeholder')}
        leftSection={<Icon name="search" size={16} />}
        value={query}
        onChange={(e) => useLibraryStore.setState({ query: e.currentTarget.value })}
        w={280}
        data-testid="model-filter"
      />
      <Switch
        label={t('models.filter.hideInvalid')}
        checked={hideInvalid}
        onChange={(e) => useLibraryStore.setState({ hideInvalid: e.currentTarget.checked })}
        data-testid="hide-invalid"
      />
      {shown !== total && (
        <Text size="sm" c="dimmed" data-testid="filter-count">
          {t('models.filter.shown', { shown, total })}
        </Text>
      )}
    </Group>
  );
}
