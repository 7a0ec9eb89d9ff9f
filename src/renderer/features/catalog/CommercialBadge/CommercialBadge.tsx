import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CommercialUse } from '../../../../shared/contract';

const colors: Record<CommercialUse, string> = { allowed: 'teal', conditional: 'yellow', non_commercial: 'red' };

/** Whether a license lets a business use the weights, in words (color is never the only cue). */
export function CommercialBadge({ use }: { use: CommercialUse }) {
  const { t } = useTranslation();
  return (
    <Badge color={colors[use]} variant="light" radius="sm" tt="none" data-testid="commercial-badge" data-use={use}>
      {t(`catalog.commercial.${use}`)}
    </Badge>
  );
}
