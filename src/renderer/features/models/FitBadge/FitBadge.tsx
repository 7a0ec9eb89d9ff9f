import { Badge, Loader, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FitLabel, ModelFile } from '../../../../shared/contract';
import { describeError } from '../../../platform/errors';
import { useFormat } from '../../../ui/useFormat';
import { fitKey, useFitStore } from '../fitStore';

const colors: Record<FitLabel, string> = { gpu: 'green', partial: 'yellow', cpu: 'blue', wont_fit: 'red' };

/** "Will it run here?" for one file, with the estimate behind it on hover. */
export function FitBadge({ file }: { file: ModelFile }) {
  const { t } = useTranslation();
  const format = useFormat();
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
  const { label, estimate } = state.fit;
  const details = t('models.fit.details', {
    context: format.integer(estimate.contextSize),
    layers: format.integer(estimate.gpuLayers),
    ram: format.memory(estimate.ramBytes),
    vram: format.memory(estimate.vramBytes),
    freeRam: format.memory(estimate.availableRamBytes),
    freeVram: format.memory(estimate.availableVramBytes),
  });
  return (
    <Tooltip label={details} multiline w={300}>
      <Badge size="sm" variant="light" color={colors[label]} data-testid="fit-label" data-fit={label} tabIndex={0} aria-label={`${t(`models.fit.${label}`)}. ${details}`}>
        {t(`models.fit.${label}`)}
      </Badge>
    </Tooltip>
  );
}
