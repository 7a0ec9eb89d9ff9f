import { useQuery } from '@tanstack/react-query';
import type { AdapterMatch } from '../../shared/contract';
import { useOrpc } from './query';

/** LoRA adapters in the library checked against the model at `path`; null until (or unless) they are known. */
export function useAdapters(path: string): AdapterMatch[] | null {
  const orpc = useOrpc();
  return useQuery(orpc.lora.forModel.queryOptions({ input: { path } })).data ?? null;
}
