import type { QuantizeJob } from '../../../../shared/contract';
import { useQuantizeStore } from '../../../state/quantizeStore';

/** The quantization jobs, live (the session follows `quantize.onDidChange` for the rail too). */
export function useQuantizeJobs(): QuantizeJob[] {
  return useQuantizeStore((s) => s.jobs);
}
