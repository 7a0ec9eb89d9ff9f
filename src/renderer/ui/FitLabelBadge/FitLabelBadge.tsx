import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Fit, FitLabel } from '../../../shared/contract';
import { useFormat } from '../useFormat';

const colors: Record<FitLabel, string> = { gpu: 'green', partial: 'yellow', cpu: 'blue', wont_fit: 'red' };

/** The estimate behind a fit label, as one translated sentence. */
export function useFitDetails(): (fit: Fit) => string {
  const { t } = useTranslation();
  const format = useFormat();
  return ({ estimate }) =>
    t('models.fit.details', {
      context: format.integer(estimate.contextSize),
      layers: format.integer(estimate.gpuLayers),
      ram: format.memory(estimate.ramBytes),
      vram: format.memory(estimate.vramBytes),
      freeRam: format.memory(estimate.availableRamBytes),
      freeVram: format.memory(estimate.availableVramBytes),
    });
}

/** "Will it run here?" (on the GPU / partial offload / CPU only / won't fit), the numbers on hover. */
export function FitLabelBadge({ fit }: { fit: Fit }) {
  const { t } = useTranslation();
  const details = useFitDetails()(fit);
  return (
    <Tooltip label={details} multiline w={300}>
      <Badge
        size="sm"
        variant="light"
        color={colors[fit.label]}
        data-testid="fit-label"
        data-fit={fit.label}
        tabIndex={0}
        aria-label={`${t(`models.fit.${fit.label}`)}. ${details}`}
      >
        {t(`models.fit.${fit.label}`)}
      </Badge>
    </Tooltip>
  );
}
