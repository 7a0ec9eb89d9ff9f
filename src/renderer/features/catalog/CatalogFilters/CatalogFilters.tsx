import { Button, CloseButton, Group, NativeSelect, Text, TextInput } from '@mantine/core';
import { Icon } from '../../../ui/Icon/Icon';
import { useTranslation } from 'react-i18next';
import { CatalogTaskSchema, CommercialUseSchema, type CatalogFamily } from '../../../../shared/contract';
import { languageName } from '../catalogFormat';
import { clearFilter, setFilter, useCatalogStore } from '../catalogStore';
import { commercialUses, isFilterEmpty, languageOptions, sizeClasses, taskOptions, type SizeClass } from '../filterFamilies';

interface CatalogFiltersProps {
  families: readonly CatalogFamily[];
  shown: number;
}

/** Native selects: keyboard and screen-reader friendly, and one value each is all a filter needs. */
export function CatalogFilters({ families, shown }: CatalogFiltersProps) {
  const { t, i18n } = useTranslation();
  const filter = useCatalogStore((s) => s.filter);
  const any = { value: '', label: t('catalog.filter.any') };
  const orNull = (value: string) => (value === '' ? null : value);

  return (
    <Group gap="md" align="flex-end" role="group" aria-label={t('catalog.filter.label')}>
      <TextInput
        label={t('catalog.filter.search')}
        placeholder={t('catalog.filter.searchPlaceholder')}
        leftSection={<Icon name="search" size={16} />}
        rightSection={filter.query ? <CloseButton size="sm" aria-label={t('catalog.filter.clearSearch')} onClick={() => setFilter({ query: '' })} /> : null}
        value={filter.query}
        onChange={(e) => setFilter({ query: e.currentTarget.value })}
        onKeyDown={(e) => e.key === 'Escape' && setFilter({ query: '' })}
        type="search"
        w={280}
        maw="100%"
        data-testid="catalog-search"
      />
      <NativeSelect
        label={t('catalog.filter.size')}
        data={[any, ...sizeClasses.map((c) => ({ value: c, label: t(`catalog.filter.sizes.${c}`) }))]}
        value={filter.size ?? ''}
        onChange={(e) => setFilter({ size: orNull(e.currentTarget.value) as SizeClass | null })}
        data-testid="catalog-filter-size"
      />
      <NativeSelect
        label={t('catalog.filter.license')}
        data={[any, ...commercialUses.map((u) => ({ value: u, label: t(`catalog.commercial.${u}`) }))]}
        value={filter.license ?? ''}
        onChange={(e) => {
          const value = orNull(e.currentTarget.value);
          setFilter({ license: value === null ? null : CommercialUseSchema.parse(value) });
        }}
        data-testid="catalog-filter-license"
      />
      <NativeSelect
        label={t('catalog.filter.language')}
        data={[any, ...languageOptions(families).map((code) => ({ value: code, label: languageName(code, i18n.language) }))]}
        value={filter.language ?? ''}
        onChange={(e) => setFilter({ language: orNull(e.currentTarget.value) })}
        data-testid="catalog-filter-language"
      />
      <NativeSelect
        label={t('catalog.filter.task')}
        data={[any, ...taskOptions(families, CatalogTaskSchema.options).map((task) => ({ value: task, label: t(`catalog.task.${task}`) }))]}
        value={filter.task ?? ''}
        onChange={(e) => {
          const value = orNull(e.currentTarget.value);
          setFilter({ task: value === null ? null : CatalogTaskSchema.parse(value) });
        }}
        data-testid="catalog-filter-task"
      />
      {!isFilterEmpty(filter) && (
        <Button variant="subtle" onClick={clearFilter} data-testid="catalog-filter-clear">
          {t('catalog.filter.clear')}
        </Button>
      )}
      <Text size="sm" c="dimmed" data-testid="catalog-count" data-shown={shown} aria-live="polite">
        {t('catalog.shown', { shown, total: families.length })}
      </Text>
    </Group>
  );
}
