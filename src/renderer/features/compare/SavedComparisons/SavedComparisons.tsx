import { ActionIcon, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useModelName } from '../../../state/connections';
import type { ComparisonSummary } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { compareHref, navigate } from '../../../state/routes';
import { ConfirmDialog } from '../../../ui/ConfirmDialog/ConfirmDialog';
import { Icon } from '../../../ui/Icon/Icon';
import { useFormat } from '../../../ui/useFormat';
import { deleteComparison, hasRounds, openComparison, useCompareStore } from '../compareStore';
import { newComparison } from '../compareCommands';

/** Every comparison ever run, newest first; opening one shows it exactly as recorded. */
export function SavedComparisons({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  const modelName = useModelName();
  const client = useClient();
  const format = useFormat();
  // A comparison never sent anything has nothing to reopen ("— vs —", 0 rounds): not listed.
  const all = useCompareStore((s) => s.list);
  const list = useMemo(() => all?.filter(hasRounds) ?? null, [all]);
  const [deleting, setDeleting] = useState<ComparisonSummary | null>(null);

  if (list && list.length === 0) {
    return (
      <Stack gap="sm" align="flex-start" data-testid="saved-empty">
        <Text c="dimmed">{t('compare.saved.empty')}</Text>
        <Button leftSection={<Icon name="plus" size={16} />} onClick={newComparison} data-testid="saved-start">
          {t('compare.new')}
        </Button>
      </Stack>
    );
  }

  const name = (c: ComparisonSummary) =>
    c.title || (c.blind && !c.revealed ? t('compare.blindTitle') : c.models.map((m) => modelName(m)).join(t('compare.saved.versus')));

  return (
    <>
      <Table.ScrollContainer minWidth={560}>
      <Table striped highlightOnHover data-testid="saved-comparisons">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('compare.saved.name')}</Table.Th>
            <Table.Th>{t('compare.saved.when')}</Table.Th>
            <Table.Th>{t('compare.saved.rounds')}</Table.Th>
            <Table.Th>{t('compare.options.tag')}</Table.Th>
            <Table.Th aria-label={t('compare.saved.actions')} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list?.map((c) => (
            <Table.Tr key={c.id} data-testid="saved-row" data-id={c.id} data-blind={c.blind}>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm">{name(c)}</Text>
                  {c.blind && (
                    <Badge size="xs" variant="light">
                      {c.revealed ? t('compare.saved.blindRevealed') : t('compare.saved.blindHidden')}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>{format.when(c.updatedAt)}</Table.Td>
              <Table.Td>{format.integer(c.rounds)}</Table.Td>
              <Table.Td>{c.tag || t('common.none')}</Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <Button
                    size="compact-xs"
                    variant="light"
                    onClick={() => {
                      navigate(compareHref(c.id));
                      void openComparison(client, c.id);
                      onOpen();
                    }}
                    data-testid="saved-open"
                  >
                    {t('compare.saved.open')}
                  </Button>
                  <ActionIcon variant="subtle" color="red" aria-label={t('compare.saved.delete', { name: name(c) })} onClick={() => setDeleting(c)}>
                    <Icon name="trash" size={14} />
                  </ActionIcon>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      </Table.ScrollContainer>
      <ConfirmDialog
        opened={deleting !== null}
        title={t('compare.saved.deleteTitle')}
        body={t('compare.saved.deleteMessage')}
        confirmLabel={t('compare.saved.deleteConfirm')}
        onConfirm={() => {
          if (deleting) void deleteComparison(client, deleting.id);
          setDeleting(null);
        }}
        onCancel={() => setDeleting(null)}
      />
    </>
  );
}
