import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CatalogFamily } from '../../../../shared/contract';
import { formatDay } from '../catalogFormat';
import { ExternalLink } from '../ExternalLink/ExternalLink';

/** Where the family's facts come from, and when they were last checked. */
export function SourceLinks({ family, withDate = true }: { family: CatalogFamily; withDate?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <div>
      <Group gap="sm" wrap="wrap" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {family.sources.map((source) => (
          <li key={source.url}>
            <ExternalLink href={source.url} testId="source-link">
              {source.label}
            </ExternalLink>
          </li>
        ))}
      </Group>
      {withDate && (
        <Text size="xs" c="dimmed" mt={4} data-testid="verified-at">
          {t('catalog.card.verified', { date: formatDay(family.verifiedAt, i18n.language) })}
        </Text>
      )}
    </div>
  );
}
