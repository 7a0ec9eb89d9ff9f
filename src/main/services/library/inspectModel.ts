import type { KvCacheChart, ModelDetails } from '../../../shared/contract';
import { appError } from '../../base/appError';
import { confineToFolders } from './confine';
import type { HeaderReaderPool } from './headerReaderPool';

export interface InspectDeps {
  folders: () => string[];
  reader: HeaderReaderPool;
  /** The engine probe's KV-cache bytes for a file Caliper's reader has accepted. */
  estimateKvCache: (path: string, contextSizes: number[]) => Promise<KvCacheChart>;
}

const SMALLEST_CONTEXT = 512;
const LARGEST_CONTEXT = 1_048_576;
/** Charted when the header does not say how long a context the model was trained for. */
const UNKNOWN_TRAINED_CONTEXT = 32_768;

/** 512, 1024, … doubling below the trained context, then the trained context itself. */
export function kvContextSizes(trainedContext: number | null): number[] {
  const top = Math.min(Math.max(trainedContext ?? UNKNOWN_TRAINED_CONTEXT, SMALLEST_CONTEXT), LARGEST_CONTEXT);
  const sizes: number[] = [];
  for (let n = SMALLEST_CONTEXT; n < top; n *= 2) sizes.push(n);
  sizes.push(top);
  return sizes;
}

/**
 * Everything the inspector shows for one file. The same gate as loading: the real path must lie
 * in a model folder and Caliper's guarded reader must accept the header before the engine's
 * probe (node-llama-cpp's own reader) sees the file.
 */
export async function inspectModel(path: string, deps: InspectDeps): Promise<ModelDetails> {
  const real = await confineToFolders(path, deps.folders());
  const result = await deps.reader.readDetails(real);
  if (result.problem) throw appError('NOT_A_GGUF', { path, problem: result.problem.code, detail: result.problem.detail });

  let kvCache: KvCacheChart | null = null;
  let kvCacheProblem: string | null = null;
  if (result.facts.kind === 'model') {
    try {
      kvCache = await deps.estimateKvCache(real, kvContextSizes(result.facts.contextLength));
    } catch (error) {
      kvCacheProblem = String((error as Error)?.message ?? error).slice(0, 500);
    }
  }
  return { path: real, ...result.details, kvCache, kvCacheProblem };
}
