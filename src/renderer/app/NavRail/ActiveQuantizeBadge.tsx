import { Badge, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useQuantizeStore } from '../../state/quantizeStore';

/** Running quantizations and their overall tensor progress, on the Models item; nothing when none run. */
export function ActiveQuantizeBadge() {
  const { t } = useTranslation();
  const [count, done, total] = useQuantizeStore(
    useShallow((s) => {
      const running = s.jobs.filter((j) => j.state === 'running');
      return [running.length, running.reduce((a, j) => a + j.tensorsDone, 0), running.reduce((a, j) => a + j.tensorsTotal, 0)];
    }),
  );
  if (count === 0) return null;
  const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
  return (
    <Badge size="sm" variant="light" data-testid="nav-quantize-progress" data-count={count} data-percent={percent}>
      <span aria-hidden="true">{`${percent} %`}</span>
      <VisuallyHidden>{t('quantize.active', { count, percent })}</VisuallyHidden>
    </Badge>
  );
}
