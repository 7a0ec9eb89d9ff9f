import { variantLicense, type CatalogFamily, type CatalogLicense, type CatalogRepo, type CatalogVariant } from '../../../shared/contract';

/** A GGUF repository of the catalog that could be a first model, with the variant it holds. */
export interface StarterCandidate {
  family: CatalogFamily;
  variant: CatalogVariant;
  repo: CatalogRepo;
  license: CatalogLicense;
}

/** Big enough to answer usefully, small enough to download and run on a laptop. */
export const STARTER_MIN_B = 1;
export const STARTER_MAX_B = 4.5;

/**
 * The size a repository name states: "Qwen3-1.7B-GGUF" → 1.7, "google_gemma-3-1b-it-GGUF" → 1.
 * "Mixtral-8x7B" states none (an expert count is not the size).
 */
export function statedSizeB(repoId: string): number | null {
  const name = repoId.split('/')[1] ?? '';
  const match = /(?:^|[-_])(\d+(?:\.\d+)?)[bB](?=[-_.]|$)/.exec(name);
  return match ? Number(match[1]) : null;
}

/** The variant whose size the repository name states (within 10%), if one does. */
function variantFor(family: CatalogFamily, repo: CatalogRepo): CatalogVariant | null {
  const size = statedSizeB(repo.repoId);
  if (size === null) return null;
  return family.variants.find((v) => Math.abs(v.parametersB - size) <= v.parametersB * 0.1) ?? null;
}

/**
 * Catalog repositories that could be a starter, best first: runnable chat models between 1 B and
 * 4.5 B in GGUF whose license allows use without conditions; families that speak the UI language
 * first, then the newest family, then the smaller size (a shorter download).
 */
export function starterCandidates(families: readonly CatalogFamily[], language: 'en' | 'zh-CN'): StarterCandidate[] {
  const spoken = language === 'zh-CN' ? 'zh' : 'en';
  const candidates: StarterCandidate[] = [];
  for (const family of families) {
    if (family.engineSupport !== 'supported' || !family.tasks.includes('chat')) continue;
    for (const repo of family.repos) {
      if (repo.format !== 'gguf') continue;
      const variant = variantFor(family, repo);
      if (!variant || variant.parametersB < STARTER_MIN_B || variant.parametersB > STARTER_MAX_B) continue;
      const license = variantLicense(family, variant);
      if (license.commercialUse !== 'allowed') continue;
      candidates.push({ family, variant, repo, license });
    }
  }
  const speaks = (c: StarterCandidate) => (c.family.languages.includes(spoken) ? 0 : 1);
  return candidates.sort(
    (a, b) => speaks(a) - speaks(b) || b.family.released.localeCompare(a.family.released) || a.variant.parametersB - b.variant.parametersB,
  );
}
