import { Alert, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { describeCallError } from '../../../platform/errors';
import { useOrpc } from '../../../state/query';
import { CatalogFilters } from '../CatalogFilters/CatalogFilters';
import { clearFilter, toggleSelected, useCatalogStore } from '../catalogStore';
import { ComparePanel } from '../ComparePanel/ComparePanel';
import { FamilyCard } from '../FamilyCard/FamilyCard';
import { filterFamilies } from '../filterFamilies';

/** The curated families: filter, read the cards, tick a few and compare them side by side. */
export function CatalogView() {
  const { t } = useTranslation();
  const orpc = useOrpc();
  // Bundled with the host: it does not change while the host runs, so it is read once.
  const catalog = useQuery(orpc.catalog.list.queryOptions({ staleTime: Infinity, gcTime: Infinity }));
  const families = catalog.data ?? null;
  const loading = catalog.isFetching;
  const error = catalog.error;
  const filter = useCatalogStore((s) => s.filter);
  const selectedIds = useCatalogStore((s) => s.selected);

  const shown = useMemo(() => filterFamilies(families ?? [], filter), [families, filter]);
  const selected = useMemo(() => selectedIds.flatMap((id) => families?.find((f) => f.id === id) ?? []), [families, selectedIds]);

  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {t('catalog.title')}
        </Title>
        <Text c="dimmed" size="sm" maw={760}>
          {t('catalog.subtitle')}
        </Text>
      </div>

      {error !== null && !loading && (
        <Alert color="red" icon={null} data-testid="catalog-error">
          <Group justify="space-between">
            <Text size="sm">{t('catalog.loadFailed', { reason: describeCallError(t, error) })}</Text>
            <Button variant="default" size="compact-sm" onClick={() => void catalog.refetch()}>
              {t('common.retry')}
            </Button>
          </Group>
        </Alert>
      )}

      {!families && loading && (
        <Center h={200}>
          <Loader aria-label={t('catalog.loading')} />
        </Center>
      )}

      {families && (
        <>
          <CatalogFilters families={families} shown={shown.length} />
          {shown.length === 0 ? (
            <Group gap="sm" data-testid="catalog-no-matches">
              <Text c="dimmed">{t('catalog.filter.noMatches')}</Text>
              <Button variant="subtle" size="compact-sm" onClick={clearFilter}>
                {t('catalog.filter.clear')}
              </Button>
            </Group>
          ) : (
            <Stack gap="md">
              {shown.map((family) => (
                <FamilyCard
                  key={family.id}
                  family={family}
                  selected={selectedIds.includes(family.id)}
                  onSelect={(on) => toggleSelected(family.id, on)}
                />
              ))}
            </Stack>
          )}
          <ComparePanel families={selected} />
        </>
      )}
    </Stack>
  );
}
