import { Badge, Button, CloseButton, Group, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogFamily } from '../../../../shared/contract';
import { Icon } from '../../../ui/Icon/Icon';
import { clearSelection, toggleSelected } from '../catalogStore';
import { CompareTable } from '../CompareTable/CompareTable';
import classes from './ComparePanel.module.css';

/**
 * The comparison tray: pinned to the bottom of the window while families are ticked, wherever
 * the card was, so the effect of a tick is always in view. It names what was added, holds a chip
 * per family, and opens the side-by-side table once two are ticked.
 */
export function ComparePanel({ families }: { families: readonly CatalogFamily[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  const tableId = useId();
  const [open, setOpen] = useState(true);
  const [last, setLast] = useState<{ ids: string[]; added: CatalogFamily | null }>({ ids: [], added: null });
  const ids = families.map((f) => f.id);
  if (ids.join() !== last.ids.join()) {
    const added = families.find((f) => !last.ids.includes(f.id)) ?? null;
    setLast({ ids, added });
    // The second tick opens the table: that is what ticking was for.
    if (added && ids.length === 2) setOpen(true);
  }
  if (families.length === 0) return null;
  const comparable = families.length >= 2;

  return (
    <Paper component="section" withBorder shadow="md" p="sm" aria-labelledby={headingId} className={classes.tray} data-testid="compare-panel" data-count={families.length}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="wrap" style={{ minWidth: 0 }}>
            <Title order={2} size="h5" id={headingId}>
              {t('catalog.compare.title')} ({families.length})
            </Title>
            {families.map((f) => (
              <Badge
                key={f.id}
                variant="light"
                size="lg"
                pr={2}
                rightSection={<CloseButton size="xs" onClick={() => toggleSelected(f.id, false)} aria-label={t('catalog.compare.remove', { name: f.name })} />}
                data-testid="compare-chip"
                data-family-id={f.id}
              >
                {f.name}
              </Badge>
            ))}
          </Group>
          <Group gap={4} wrap="nowrap">
            {comparable && (
              <Button
                size="compact-sm"
                variant="light"
                onClick={() => setOpen((o) => !o)}
                aria-expanded={open}
                aria-controls={tableId}
                leftSection={<Icon name={open ? 'chevronDown' : 'chevronRight'} size={14} />}
                data-testid="compare-toggle"
              >
                {open ? t('catalog.compare.hideTable') : t('catalog.compare.showTable')}
              </Button>
            )}
            <Button variant="default" size="compact-sm" onClick={clearSelection} data-testid="compare-clear">
              {t('catalog.compare.clear')}
            </Button>
          </Group>
        </Group>
        <Group gap="xs">
          <Text size="xs" c="dimmed" role="status" aria-live="polite" data-testid="compare-feedback">
            {last.added ? t('catalog.compare.added', { name: last.added.name, count: families.length }) : ''}
          </Text>
          {!comparable && (
            <Text size="xs" c="dimmed" data-testid="compare-hint">
              {t('catalog.compare.hint')}
            </Text>
          )}
        </Group>
        {comparable && open && (
          <ScrollArea.Autosize mah="45vh" type="auto" id={tableId}>
            <CompareTable families={families} onRemove={(id) => toggleSelected(id, false)} />
          </ScrollArea.Autosize>
        )}
      </Stack>
    </Paper>
  );
}
