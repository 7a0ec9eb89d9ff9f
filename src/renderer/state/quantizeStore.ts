import { create } from 'zustand';
import type { QuantizeJob } from '../../shared/contract';
import type { CaliperClient } from '../platform/rpcClient';

interface QuantizeState {
  /** Live from `quantize.onDidChange`; empty until the first event. */
  jobs: QuantizeJob[];
}

export const useQuantizeStore = create<QuantizeState>()(() => ({ jobs: [] }));

/** Follows the quantization jobs until the signal ends (re-subscribed by the session after a drop). */
export async function watchQuantize(client: CaliperClient, signal: AbortSignal): Promise<void> {
  const events = await client.quantize.onDidChange(undefined, { signal });
  for await (const jobs of events) {
    useQuantizeStore.setState({ jobs });
  }
}
