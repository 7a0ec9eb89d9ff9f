import { Badge, Loader, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ModelFile } from '../../../../shared/contract';
import { describeError } from '../../../platform/errors';
import { FitLabelBadge } from '../../../ui/FitLabelBadge/FitLabelBadge';
import { fitKey, useFitStore } from '../fitStore';

/** "Will it run here?" for one file, with the estimate behind it on hover. */
export function FitBadge({ file }: { file: ModelFile }) {
  const { t } = useTranslation();
  const state = useFitStore((s) => s.fits[fitKey(file)]);
  if (!state || state.status === 'pending') {
    return <Loader size="xs" aria-label={t('models.fit.estimating')} data-testid="fit-pending" />;
  }
  if (state.status === 'error') {
    return (
      <Tooltip label={describeError(t, state.error)} multiline w={280}>
        <Badge size="sm" variant="outline" color="gray" data-testid="fit-label" data-fit="error">
          {t('models.fit.unknown')}
        </Badge>
      </Tooltip>
    );
  }
  return <FitLabelBadge fit={state.fit} />;
}
