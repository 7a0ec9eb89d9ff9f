/**
 * Threads when the user has not chosen: one less than llama.cpp's math cores, at least one; beside
 * loaded models using `busyThreads`, what they leave.
 * The prebuilt CPU backend spins its threads (no OpenMP), so a thread that competes with the
 * host's own work stalls all of them: on two cores one thread measured 10× faster than two, and
 * the library default (4) 100× slower. `npm run bench:threads` checks this rule against the best
 * count measured on the generated models.
 */
export function defaultThreadCount(cpuMathCores: number, busyThreads = 0): number {
  // Work beside loaded models (a quantization) takes the cores they leave, at least one.
  return Math.max(1, busyThreads > 0 ? cpuMathCores - busyThreads : cpuMathCores - 1);
}

/** Math cores when the GPU probe has not answered (or failed): the smallest machine we support. */
export const FALLBACK_MATH_CORES = 2;
