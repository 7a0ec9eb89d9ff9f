import { useQuery } from '@tanstack/react-query';
import type { Lineage } from '../../../../shared/contract';
import { useOrpc } from '../../../state/query';

/** Where a file came from, if Caliper produced it (null otherwise, and while asking). */
export function useLineage(path: string): Lineage | null {
  const orpc = useOrpc();
  return useQuery(orpc.quantize.lineage.queryOptions({ input: { path } })).data ?? null;
}
