import { refOfKey, type LeaderboardEntry, type VoteOutcome } from '../../../shared/contract';
import { mulberry32 } from '../../../shared/random';

export interface Vote {
  modelA: string;
  modelB: string;
  outcome: VoteOutcome;
}

/** Elo-scale points per factor of 10 in strength, as chess ratings use. */
const SCALE = 400;
const BASE = 1000;
const BOOTSTRAP_SAMPLES = 200;

/**
 * Bradley–Terry strengths by Hunter's MM iteration. A tie (and "both bad": neither was preferred)
 * counts half a win each way. Every pair that met also gets one virtual tie, so a model that won
 * every game has a finite rating instead of running off to infinity.
 */
export function fitBradleyTerry(models: string[], votes: Vote[], iterations = 200): Map<string, number> {
  const index = new Map(models.map((m, i) => [m, i]));
  const n = models.length;
  const wins = Array.from({ length: n }, () => new Float64Array(n));
  for (const v of votes) {
    const a = index.get(v.modelA);
    const b = index.get(v.modelB);
    if (a === undefined || b === undefined || a === b) continue;
    const score = v.outcome === 'a' ? 1 : v.outcome === 'b' ? 0 : 0.5;
    wins[a]![b]! += score;
    wins[b]![a]! += 1 - score;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i !== j && wins[i]![j]! + wins[j]![i]! > 0) wins[i]![j]! += 0.5;
    }
  }
  let p = new Float64Array(n).fill(1);
  for (let iter = 0; iter < iterations; iter++) {
    const next = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let w = 0;
      let denominator = 0;
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        const games = wins[i]![j]! + wins[j]![i]!;
        if (games === 0) continue;
        w += wins[i]![j]!;
        denominator += games / (p[i]! + p[j]!);
      }
      next[i] = denominator > 0 ? w / denominator : p[i]!;
    }
    // Only ratios matter: keep the geometric mean at 1.
    const logMean = next.reduce((s, x) => s + Math.log(x), 0) / n;
    for (let i = 0; i < n; i++) next[i] = next[i]! / Math.exp(logMean);
    p = next;
  }
  return new Map(models.map((m, i) => [m, BASE + SCALE * Math.log10(p[i]!)]));
}


function percentile(sorted: number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/**
 * Ratings with 95% intervals: the 2.5th and 97.5th percentiles of ratings refitted on vote sets
 * simulated from the fitted model (a parametric bootstrap: the same pairs meet as often as they
 * did, each game won with the fitted probability). Resampling the votes themselves would give a
 * zero-width interval to one vote, or to any record without a loss; simulating shows how little
 * such a record proves.
 */
export function leaderboard(votes: Vote[], seed = 1): LeaderboardEntry[] {
  const models = [...new Set(votes.flatMap((v) => [v.modelA, v.modelB]))].sort();
  if (models.length === 0) return [];
  const ratings = fitBradleyTerry(models, votes);
  const strength = (m: string) => 10 ** ((ratings.get(m)! - BASE) / SCALE);
  const random = mulberry32(seed);
  const samples = new Map(models.map((m) => [m, [] as number[]]));
  for (let s = 0; s < BOOTSTRAP_SAMPLES; s++) {
    const simulated = votes.map((v): Vote => {
      const pA = strength(v.modelA) / (strength(v.modelA) + strength(v.modelB));
      return { modelA: v.modelA, modelB: v.modelB, outcome: random() < pA ? 'a' : 'b' };
    });
    const fitted = fitBradleyTerry(models, simulated, 60);
    for (const m of models) samples.get(m)!.push(fitted.get(m)!);
  }
  return models
    .map((key) => {
      const mine = votes.filter((v) => v.modelA === key || v.modelB === key);
      const wins = mine.filter((v) => (v.outcome === 'a' && v.modelA === key) || (v.outcome === 'b' && v.modelB === key)).length;
      const ties = mine.filter((v) => v.outcome === 'tie' || v.outcome === 'both_bad').length;
      const sorted = samples.get(key)!.sort((a, b) => a - b);
      return {
        // Votes name models by their key (a file's path, or a remote connection's model).
        model: refOfKey(key),
        rating: ratings.get(key)!,
        low: Math.min(percentile(sorted, 0.025), ratings.get(key)!),
        high: Math.max(percentile(sorted, 0.975), ratings.get(key)!),
        games: mine.length,
        wins,
        ties,
        losses: mine.length - wins - ties,
      };
    })
    .sort((a, b) => b.rating - a.rating);
}
