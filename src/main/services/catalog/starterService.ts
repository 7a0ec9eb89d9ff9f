import type { Fit, HubFileGroup, StarterModel } from '../../../shared/contract';
import type { HubService } from '../hub/hubService';
import type { CatalogService } from './catalogService';
import { starterCandidates } from './starterCandidates';

/** Quantizations a first model is best downloaded in: small, with little quality lost. */
const PREFERRED = ['Q4_K_M', 'Q4_K_S', 'Q5_K_M', 'Q4_0', 'Q5_K_S', 'Q6_K', 'Q8_0'];
/** Hub repositories looked at before giving up (each costs a listing and a header read). */
const MAX_TRIES = 5;
/** The context the estimate is made for: what Chat loads by default. */
const CONTEXT = 4096;
const CACHE_MS = 10 * 60_000;

/** The quantization a starter downloads: the first preferred one the repository has, else the smallest. */
export function starterGroup(groups: readonly HubFileGroup[]): HubFileGroup | null {
  for (const quant of PREFERRED) {
    const group = groups.find((g) => g.quantization?.toUpperCase() === quant);
    if (group) return group;
  }
  return [...groups].sort((a, b) => a.totalBytes - b.totalBytes)[0] ?? null;
}

/** Fits with room to spare: at most half the free memory, and on the GPU at most three quarters of its memory. */
export function roomToSpare(fit: Fit): boolean {
  const { estimate } = fit;
  if (fit.label === 'cpu') return estimate.ramBytes <= estimate.availableRamBytes / 2;
  if (fit.label === 'gpu') return estimate.vramBytes <= estimate.availableVramBytes * 0.75 && estimate.ramBytes <= estimate.availableRamBytes / 2;
  return false;
}

/** Failures that rule out one repository, not the Hub: try the next candidate. */
const SKIPPABLE = new Set(['HUB_NOT_FOUND', 'HUB_UNAUTHORIZED', 'HUB_FAILED', 'NOT_A_GGUF', 'MODEL_WONT_FIT']);
const skippable = (error: unknown) => SKIPPABLE.has((error as { code?: string } | null)?.code ?? '');

/**
 * Picks the starter model: the catalog's candidates in order, each asked of the Hub (does the
 * repository exist there, which file, will it fit here?), the first that fits with room to spare.
 * Answers are kept for a few minutes per endpoint and language; an unreachable Hub is an error.
 */
export class StarterService {
  private readonly cache = new Map<string, { at: number; pick: Promise<StarterModel | null> }>();

  constructor(private readonly deps: { catalog: CatalogService; hub: HubService; now?: () => number }) {}

  pick(language: 'en' | 'zh-CN'): Promise<StarterModel | null> {
    const now = (this.deps.now ?? Date.now)();
    const key = `${this.deps.hub.endpoint().url}\u0000${language}`;
    const cached = this.cache.get(key);
    if (cached && now - cached.at < CACHE_MS) return cached.pick;
    const pick = this.find(language);
    this.cache.set(key, { at: now, pick });
    pick.catch(() => this.cache.delete(key));
    return pick;
  }

  private async find(language: 'en' | 'zh-CN'): Promise<StarterModel | null> {
    const candidates = starterCandidates(await this.deps.catalog.list(), language);
    for (const { family, variant, repo, license } of candidates.slice(0, MAX_TRIES)) {
      try {
        const details = await this.deps.hub.model(repo.repoId);
        const group = starterGroup(details.groups);
        if (!group) continue;
        const { fit } = await this.deps.hub.fit(repo.repoId, group.primaryPath, details.sha ?? undefined, CONTEXT);
        if (!roomToSpare(fit)) continue;
        return {
          familyId: family.id,
          familyName: family.name,
          variantName: variant.name,
          parametersB: variant.parametersB,
          summary: family.summary,
          repoId: repo.repoId,
          path: group.primaryPath,
          quantization: group.quantization,
          sizeBytes: group.totalBytes,
          license: { name: license.name, commercialUse: license.commercialUse, url: license.url },
          fit,
        };
      } catch (error) {
        if (!skippable(error)) throw error;
      }
    }
    return null;
  }
}
