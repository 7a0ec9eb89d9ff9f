import { Button, Checkbox, Collapse, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { familyArchitectures, type CatalogFamily } from '../../../../shared/contract';
import { Icon } from '../../../ui/Icon/Icon';
import { contextText, formatMonth, languageName, localized, sizeSummary } from '../catalogFormat';
import { toggleExpanded, useCatalogStore } from '../catalogStore';
import { familyCommercialUses } from '../filterFamilies';
import { CommercialBadge } from '../CommercialBadge/CommercialBadge';
import { EngineSupportBadge } from '../EngineSupportBadge/EngineSupportBadge';
import { FactGrid } from '../FactGrid/FactGrid';
import { LicenseList } from '../LicenseList/LicenseList';
import { RepoLinks } from '../RepoLinks/RepoLinks';
import { RichText } from '../RichText/RichText';
import { SourceLinks } from '../SourceLinks/SourceLinks';
import { TaskBadges } from '../TaskBadges/TaskBadges';
import { VariantTable } from '../VariantTable/VariantTable';

interface FamilyCardProps {
  family: CatalogFamily;
  selected: boolean;
  onSelect: (selected: boolean) => void;
}

/** One family: the facts people choose by, its license and downloads, and where each fact comes from. */
export function FamilyCard({ family, selected, onSelect }: FamilyCardProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const open = useCatalogStore((s) => s.expanded.includes(family.id));
  const headingId = useId();
  const detailsId = useId();
  const text = (value: Parameters<typeof localized>[0]) => localized(value, locale);

  const languages = family.languages.map((code) => languageName(code, locale)).join(', ');
  const facts = [
    { key: 'sizes', label: t('catalog.card.sizes'), value: sizeSummary(family, locale) },
    { key: 'context', label: t('catalog.card.context'), value: contextText(t, family, locale) },
    {
      key: 'languages',
      label: t('catalog.card.languages'),
      value: family.languageNote ? `${languages} · ${text(family.languageNote)}` : languages,
    },
    { key: 'tasks', label: t('catalog.card.tasks'), value: <TaskBadges tasks={family.tasks} /> },
    {
      key: 'architecture',
      label: t('catalog.card.architecture'),
      value: <span style={{ fontFamily: 'var(--mantine-font-family-monospace)' }}>{familyArchitectures(family).join(', ') || t('catalog.variant.noGguf')}</span>,
    },
  ];

  // Collapsed, a card is a summary (what it is, how big, which languages, whether it runs here);
  // the facts, license, downloads, variants and sources open with "Show details".
  const brief = [sizeSummary(family, locale), contextText(t, family, locale), languages].join(' · ');

  return (
    <Paper
      component="article"
      withBorder
      p="md"
      aria-labelledby={headingId}
      data-testid="catalog-family"
      data-family-id={family.id}
      data-selected={selected}
      data-expanded={open}
    >
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div style={{ minWidth: 0 }}>
            <Title order={2} size="h4" id={headingId}>
              {family.name}
            </Title>
            <Text size="sm" c="dimmed">
              {t('catalog.card.byline', { publisher: family.publisher, date: formatMonth(family.released, locale) })}
            </Text>
          </div>
          <Checkbox
            label={t('catalog.card.compare')}
            aria-label={t('catalog.card.compareLabel', { name: family.name })}
            checked={selected}
            onChange={(e) => onSelect(e.currentTarget.checked)}
            data-testid="compare-checkbox"
          />
        </Group>

        <Group gap="xs">
          <EngineSupportBadge support={family.engineSupport} />
          {familyCommercialUses(family).map((use) => (
            <CommercialBadge key={use} use={use} />
          ))}
        </Group>

        <Text size="sm" lineClamp={open ? undefined : 2}>
          {text(family.summary)}
        </Text>
        {!open && (
          <Text size="xs" c="dimmed" data-testid="family-brief">
            {brief}
          </Text>
        )}

        <div>
          <Button
            variant="subtle"
            size="compact-sm"
            px={0}
            onClick={() => toggleExpanded(family.id)}
            aria-expanded={open}
            aria-controls={detailsId}
            leftSection={<Icon name={open ? 'chevronDown' : 'chevronRight'} size={14} />}
            data-testid="family-details-toggle"
          >
            {open ? t('catalog.card.hideDetails') : t('catalog.card.showDetails')}
          </Button>
        </div>

        <Collapse expanded={open} id={detailsId} keepMounted={false}>
          <Stack gap="sm" pt="xs">
            <FactGrid items={facts} />

            <div>
              <Text size="sm" fw={600}>
                {t('catalog.card.strengths')}
              </Text>
              <List size="sm" spacing={2}>
                {family.strengths.map((s) => (
                  <List.Item key={s.en}>{text(s)}</List.Item>
                ))}
              </List>
            </div>

            <div>
              <Text size="sm" fw={600} mb={4}>
                {t('catalog.card.license')}
              </Text>
              <LicenseList family={family} />
            </div>

            <div>
              <Text size="sm" fw={600}>
                {t('catalog.card.architecture')}
              </Text>
              <Text size="sm" data-testid="architecture-notes">
                <RichText text={text(family.architectureNotes)} />
              </Text>
              <Text size="xs" c="dimmed" mt={2}>
                {t(`catalog.engineHint.${family.engineSupport}`)}
              </Text>
            </div>

            <div>
              <Text size="sm" fw={600} mb={4}>
                {t('catalog.card.repos')}
              </Text>
              <RepoLinks repos={family.repos} />
            </div>

            <VariantTable family={family} />

            <div>
              <Text size="sm" fw={600} mb={4}>
                {t('catalog.card.sources')}
              </Text>
              <SourceLinks family={family} />
            </div>
          </Stack>
        </Collapse>
      </Stack>
    </Paper>
  );
}
