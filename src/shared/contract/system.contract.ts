import { oc } from '@orpc/contract';
import { z } from 'zod';
import { appErrors } from './errors';

export const GpuBackendSchema = z.enum(['cuda', 'vulkan', 'metal', 'cpu']);
export type GpuBackend = z.infer<typeof GpuBackendSchema>;

export const GpuInfoSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('ready'),
    backend: GpuBackendSchema,
    deviceNames: z.array(z.string()),
    vramTotalBytes: z.number().nonnegative(),
    vramFreeBytes: z.number().nonnegative(),
    /** Math cores llama.cpp reports; the basis for the default thread count. */
    cpuMathCores: z.number().int().nonnegative(),
  }),
  z.object({ state: z.literal('failed'), code: z.enum(['ENGINE_UNAVAILABLE', 'TIMEOUT']), detail: z.string() }),
]);
export type GpuInfo = z.infer<typeof GpuInfoSchema>;

/** Something the user must be told about storage at start (restored backup, fresh database). */
export const StorageNoticeSchema = z.object({
  kind: z.enum(['RESTORED_FROM_BACKUP', 'RECREATED']),
  damagedFile: z.string(),
  backupFile: z.string().nullable(),
});
export type StorageNotice = z.infer<typeof StorageNoticeSchema>;

export const SystemInfoSchema = z.object({
  appVersion: z.string(),
  shell: z.enum(['electron', 'headless']),
  platform: z.string(),
  osRelease: z.string(),
  arch: z.string(),
  cpuModel: z.string(),
  cpuLogicalCores: z.number().int(),
  totalMemoryBytes: z.number(),
  freeMemoryBytes: z.number(),
  dataDir: z.string(),
  /** Where downloads and quantized files go. */
  modelsDir: z.string(),
  storageNotice: StorageNoticeSchema.nullable(),
});
export type SystemInfo = z.infer<typeof SystemInfoSchema>;

const base = oc.errors(appErrors);

export const systemContract = {
  info: base.output(SystemInfoSchema),
  /** Asks the engine what llama.cpp detects; slower than `info` (loads native binaries once). */
  gpu: base.output(GpuInfoSchema),
};
