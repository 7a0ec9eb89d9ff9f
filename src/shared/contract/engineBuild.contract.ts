import { oc, eventIterator } from '@orpc/contract';
import { z } from 'zod';
import { appErrors } from './errors';
import { EngineBuildInfoSchema } from './bench.contract';
import { BuildRequirementSchema } from './engineBuildRequirement';

/**
 * "Build the engine for this machine": node-llama-cpp's llama.cpp source compiled here with native
 * CPU flags and OpenMP, as a background job; used by new engine processes once it passed a smoke
 * test, with node-llama-cpp's prebuilt binary kept as the fallback.
 */

export const EngineBuildStepSchema = z.enum(['source', 'configure', 'compile', 'smoke']);

export const EngineBuildJobSchema = z.object({
  state: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
  step: EngineBuildStepSchema.nullable(),
  /** 0–1 over the compile steps (the build tool's `[n/N]`); null while unknown. */
  progress: z.number().min(0).max(1).nullable(),
  /** The last lines of the build's output. */
  log: z.array(z.string()),
  error: z.string().nullable(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
});
export type EngineBuildJob = z.infer<typeof EngineBuildJobSchema>;

export const NativeBuildSchema = z.object({
  /** The folder holding the compiled addon and its libraries. */
  dir: z.string(),
  builtAt: z.number(),
  nodeLlamaCppVersion: z.string(),
  llamaCppRelease: z.string(),
  /** llama.cpp's system-info line as the smoke test printed it. */
  systemInfo: z.string(),
});
export type NativeBuild = z.infer<typeof NativeBuildSchema>;

export const EngineBuildStateSchema = z.object({
  /** Whether this installation can build (the bundled source, cmake, a compiler, git); what is missing. */
  canBuild: z.boolean(),
  missing: z.array(BuildRequirementSchema),
  /** A build that passed its smoke test for this node-llama-cpp version; null if none. */
  native: NativeBuildSchema.nullable(),
  /** The native build predates Caliper's current generation loop (it still works, more slowly): building again brings it. */
  nativeOutdated: z.boolean(),
  /** What new engine processes load: the native build when there is one and it is chosen. */
  use: z.enum(['native', 'prebuilt']),
  job: EngineBuildJobSchema.nullable(),
  /** The build the engine reported the last time it started (null before any engine process). */
  inUse: EngineBuildInfoSchema.nullable(),
});
export type EngineBuildState = z.infer<typeof EngineBuildStateSchema>;

const base = oc.errors(appErrors);

export const engineBuildContract = {
  state: base.output(EngineBuildStateSchema),
  /** The current state, then one per change (job progress, log lines, a finished build). */
  onDidChange: base.output(eventIterator(EngineBuildStateSchema)),
  /** Starts the build in the background; ENGINE_BUILD_BUSY while one runs. */
  start: base.output(EngineBuildStateSchema),
  cancel: base.output(EngineBuildStateSchema),
  /** Chooses the binary for engine processes started from now on (loaded models keep theirs). */
  use: base.input(z.object({ use: z.enum(['native', 'prebuilt']) })).output(EngineBuildStateSchema),
};
