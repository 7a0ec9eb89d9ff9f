/**
 * Threads when the user has not chosen: one less than llama.cpp's math cores, at least one.
 * The prebuilt CPU backend spins its threads (no OpenMP), so a thread that competes with the
 * host's own work stalls all of them: on two cores one thread measured 10× faster than two, and
 * the library default (4) 100× slower. `npm run bench:threads` checks this rule against the best
 * count measured on the generated models.
 */
export function defaultThreadCount(cpuMathCores: number): number {
  return Math.max(1, cpuMathCores - 1);
}
