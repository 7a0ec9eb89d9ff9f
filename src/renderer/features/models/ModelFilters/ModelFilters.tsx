import { Group, Switch, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../ui/Icon/Icon';
import { useLibraryStore } from '../libraryStore';

/** `duplicates`: how many files have a copy elsewhere; the switch shows only when there are some. */
export function ModelFilters({ shown, total, duplicates = 0 }: { shown: number; total: number; duplicates?: number }) {
  const { t } = useTranslation();
  const query = useLibraryStore((s) => s.query);
  const hideInvalid = useLibraryStore((s) => s.hideInvalid);
  const duplicatesOnly = useLibraryStore((s) => s.duplicatesOnly);
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
      {(duplicates > 0 || duplicatesOnly) && (
        <Switch
          label={t('models.filter.duplicatesOnly', { count: duplicates })}
          checked={duplicatesOnly}
          onChange={(e) => useLibraryStore.setState({ duplicatesOnly: e.currentTarget.checked })}
          data-testid="duplicates-only"
        />
      )}
      {shown !== total && (
        <Text size="sm" c="dimmed" data-testid="filter-count">
          {t('models.filter.shown', { shown, total })}
        </Text>
      )}
    </Group>
  );
}
