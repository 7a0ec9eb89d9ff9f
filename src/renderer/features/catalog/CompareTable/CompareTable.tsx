import { ActionIcon, Group, List, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { familyArchitectures, type CatalogFamily } from '../../../../shared/contract';
import { Icon } from '../../../ui/Icon/Icon';
import { attentionKind, contextText, formatBillions, formatMonth, languageName, localized, sizeSummary } from '../catalogFormat';
import { EngineSupportBadge } from '../EngineSupportBadge/EngineSupportBadge';
import { LicenseList } from '../LicenseList/LicenseList';
import { RepoLinks } from '../RepoLinks/RepoLinks';
import { SourceLinks } from '../SourceLinks/SourceLinks';
import { TaskBadges } from '../TaskBadges/TaskBadges';

const rows = [
  'publisher',
  'released',
  'sizes',
  'context',
  'license',
  'languages',
  'tasks',
  'strengths',
  'architecture',
  'attention',
  'engine',
  'repos',
  'sources',
] as const;
type Row = (typeof rows)[number];

interface CompareTableProps {
  families: readonly CatalogFamily[];
  onRemove: (id: string) => void;
}

/** Rows are facts, columns are the selected families, so the same fact reads across. */
export function CompareTable({ families, onRemove }: CompareTableProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;

  const attention = (family: CatalogFamily) => (
    <Stack gap={0}>
      {family.variants.map((v) => {
        const kind = attentionKind(v);
        const parts = [kind ? t(`catalog.facts.${kind}`, { heads: v.heads, kv: v.kvHeads }) : t('common.none')];
        if (v.slidingWindow) parts.push(t('catalog.facts.slidingWindow', { value: v.slidingWindow }));
        if (v.experts) parts.push(t('catalog.facts.experts', { used: v.experts.used, total: v.experts.total }));
        return (
          <Text key={v.name} size="sm">
            {formatBillions(v.parametersB, locale)}: {parts.join(', ')}
          </Text>
        );
      })}
    </Stack>
  );

  const cell: Record<Row, (f: CatalogFamily) => ReactNode> = {
    publisher: (f) => f.publisher,
    released: (f) => formatMonth(f.released, locale),
    sizes: (f) => {
      const moe = f.variants.find((v) => v.activeParametersB);
      return moe?.activeParametersB
        ? t('catalog.facts.active', { total: formatBillions(moe.parametersB, locale), active: formatBillions(moe.activeParametersB, locale) })
        : sizeSummary(f, locale);
    },
    context: (f) => contextText(t, f, locale),
    license: (f) => <LicenseList family={f} compact />,
    languages: (f) => f.languages.map((code) => languageName(code, locale)).join(', '),
    tasks: (f) => <TaskBadges tasks={f.tasks} />,
    strengths: (f) => (
      <List size="sm" spacing={2}>
        {f.strengths.map((s) => (
          <List.Item key={s.en}>{localized(s, locale)}</List.Item>
        ))}
      </List>
    ),
    architecture: (f) => <Text ff="monospace" size="sm">{familyArchitectures(f).join(', ') || t('catalog.variant.noGguf')}</Text>,
    attention,
    engine: (f) => <EngineSupportBadge support={f.engineSupport} />,
    repos: (f) => <RepoLinks repos={f.repos} />,
    sources: (f) => <SourceLinks family={f} />,
  };

  return (
    <Table.ScrollContainer minWidth={240 + families.length * 260}>
      <Table withColumnBorders verticalSpacing="xs" fz="sm" captionSide="top" data-testid="compare-table" style={{ tableLayout: 'fixed' }}>
        <Table.Caption style={{ textAlign: 'start' }}>{t('catalog.compare.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={160}>
              {t('catalog.compare.fact')}
            </Table.Th>
            {families.map((f) => (
              <Table.Th key={f.id} scope="col" data-family-id={f.id}>
                <Group gap={4} wrap="nowrap" justify="space-between">
                  <span>{f.name}</span>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="sm"
                    aria-label={t('catalog.compare.remove', { name: f.name })}
                    onClick={() => onRemove(f.id)}
                  >
                    <Icon name="x" size={14} />
                  </ActionIcon>
                </Group>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row} data-row={row}>
              <Table.Th scope="row" fw={500} style={{ verticalAlign: 'top' }}>
                {t(`catalog.compare.rows.${row}`)}
              </Table.Th>
              {families.map((f) => (
                <Table.Td key={f.id} data-family-id={f.id} style={{ verticalAlign: 'top' }}>
                  {cell[row](f)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
