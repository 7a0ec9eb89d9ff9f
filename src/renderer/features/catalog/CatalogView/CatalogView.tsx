import { Alert, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../../platform/appStore';
import { describeCallError } from '../../../platform/errors';
import { CatalogFilters } from '../CatalogFilters/CatalogFilters';
import { loadCatalog, clearFilter, toggleSelected, useCatalogStore } from '../catalogStore';
import { ComparePanel } from '../ComparePanel/ComparePanel';
import { FamilyCard } from '../FamilyCard/FamilyCard';
import { filterFamilies } from '../filterFamilies';

/** The curated families: filter, read the cards, tick a few and compare them side by side. */
export function CatalogView() {
  const { t } = useTranslation();
  const client = useClient();
  const families = useCatalogStore((s) => s.families);
  const loading = useCatalogStore((s) => s.loading);
  const error = useCatalogStore((s) => s.error);
  const filter = useCatalogStore((s) => s.filter);
  const selectedIds = useCatalogStore((s) => s.selected);

  useEffect(() => {
    void loadCatalog(client);
  }, [client]);

  const shown = useMemo(() => filterFamilies(families ?? [], filter), [families, filter]);
  const selected = useMemo(
    () => selectedIds.flatMap((id) => families?.find((f) => f.id === id) ?? []),
    [families, selectedIds],
  );

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
            <Button variant="default" size="compact-sm" onClick={() => void loadCatalog(client, { force: true })}>
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
