import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EngineSupport } from '../../../../shared/contract';
import { Icon } from '../../../ui/Icon/Icon';

const colors: Record<EngineSupport, string> = { supported: 'blue', untested: 'gray', image_input_unsupported: 'orange' };

/** Whether Caliper can run the family today; image-input families say why not. */
export function EngineSupportBadge({ support }: { support: EngineSupport }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={colors[support]}
      variant={support === 'supported' ? 'light' : 'outline'}
      radius="sm"
      tt="none"
      leftSection={support === 'image_input_unsupported' ? <Icon name="warning" size={12} /> : undefined}
      data-testid="engine-support"
      data-support={support}
    >
      {t(`catalog.engine.${support}`)}
    </Badge>
  );
}
