import type { BenchResult, BestSettings } from '../../../shared/contract';

/**
 * The fastest measured load settings of one file on one machine. Threads and flash attention come
 * from generation (what a chat waits on): the fastest `tg` result at the shallowest depth
 * measured, so results at different depths are not mixed. The batch comes from prompt processing
 * at those threads: node-llama-cpp's batch is llama.cpp's micro-batch, so the smaller of the
 * measured batch and micro-batch is what a load should use. Results measured while other models
 * were generating count only when nothing undisturbed exists.
 */
export function bestSettings(all: ReadonlyArray<{ runId: string; result: BenchResult }>): BestSettings['best'] {
  const clean = all.filter((r) => !r.result.disturbed);
  const results = clean.length > 0 ? clean : all;
  const fastest = (xs: typeof results) => xs.reduce<(typeof results)[number] | null>((a, b) => (a === null || b.result.avgTs > a.result.avgTs ? b : a), null);

  const generation = results.filter((r) => r.result.test.nGen > 0 && r.result.test.nPrompt === 0);
  const shallowest = Math.min(...generation.map((r) => r.result.test.depth));
  const tg = fastest(generation.filter((r) => r.result.test.depth === shallowest));
  const prompts = results.filter((r) => r.result.test.nGen === 0);
  const pp = fastest(tg ? prompts.filter((r) => r.result.settings.threads === tg.result.settings.threads) : prompts) ?? fastest(prompts);
  const basis = tg ?? pp;
  if (!basis) return null;
  // Flash attention is a measured choice only where both were measured: otherwise "use as default"
  // would write the one setting the sweep happened to use over the file's own (or 'auto').
  const candidates = tg ? generation.filter((r) => r.result.test.depth === shallowest) : prompts;
  const compared = new Set(candidates.map((r) => r.result.settings.flashAttention)).size > 1;
  return {
    threads: basis.result.settings.threads,
    ...(compared ? { flashAttention: basis.result.settings.flashAttention } : {}),
    batchSize: pp ? Math.min(pp.result.settings.batchSize, pp.result.settings.ubatchSize) : 512,
    generationTokensPerSecond: tg?.result.avgTs ?? null,
    promptTokensPerSecond: pp?.result.avgTs ?? null,
    runIds: [...new Set([tg?.runId, pp?.runId].filter((id): id is string => !!id))],
  };
}
