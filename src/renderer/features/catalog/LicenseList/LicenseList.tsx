import { Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { variantLicense, type CatalogFamily } from '../../../../shared/contract';
import { localized } from '../catalogFormat';
import { CommercialBadge } from '../CommercialBadge/CommercialBadge';
import { ExternalLink } from '../ExternalLink/ExternalLink';

/** Each license with its commercial-use class, the condition in words and a link to the text. */
export function LicenseList({ family, compact = false }: { family: CatalogFamily; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const variantsUsing = (licenseId: string) => family.variants.filter((v) => variantLicense(family, v).id === licenseId);
  return (
    <Stack gap="xs">
      {family.licenses.map((license) => (
        <div key={license.id} data-testid="license" data-license={license.id}>
          <Group gap="xs" wrap="wrap">
            <ExternalLink href={license.url} testId="license-link">
              {license.name}
            </ExternalLink>
            <CommercialBadge use={license.commercialUse} />
          </Group>
          {!compact && (
            <Text size="sm" c="dimmed" mt={2}>
              {localized(license.note, i18n.language)}
            </Text>
          )}
          {family.licenses.length > 1 && (
            <Text size="xs" c="dimmed" mt={2}>
              {t('catalog.card.appliesTo', {
                variants: variantsUsing(license.id)
                  .map((v) => v.name)
                  .join(', '),
              })}
            </Text>
          )}
        </div>
      ))}
    </Stack>
  );
}
