import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogFamily } from '../../../../shared/contract';
import { clearSelection, toggleSelected } from '../catalogStore';
import { CompareTable } from '../CompareTable/CompareTable';

/** The "compare selected" region: a hint until two families are ticked, then the table. */
export function ComparePanel({ families }: { families: readonly CatalogFamily[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  if (families.length === 0) return null;
  return (
    <Paper component="section" withBorder p="lg" aria-labelledby={headingId} data-testid="compare-panel">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id={headingId}>
            {t('catalog.compare.title')} ({families.length})
          </Title>
          <Button variant="default" size="compact-sm" onClick={clearSelection} data-testid="compare-clear">
            {t('catalog.compare.clear')}
          </Button>
        </Group>
        {families.length < 2 ? (
          <Text size="sm" c="dimmed" data-testid="compare-hint">
            {t('catalog.compare.hint')}
          </Text>
        ) : (
          <CompareTable families={families} onRemove={(id) => toggleSelected(id, false)} />
        )}
      </Stack>
    </Paper>
  );
}
