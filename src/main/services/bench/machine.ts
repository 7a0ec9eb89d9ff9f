import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { arch, cpus, platform, release, totalmem } from 'node:os';
import type { EngineBuildInfo, GpuInfo, Machine } from '../../../shared/contract';

/** The instruction-set extensions llama.cpp's CPU kernels choose between (x86 and Arm names as Linux reports them). */
const RELEVANT_FLAGS = new Set([
  'sse3', 'ssse3', 'sse4_1', 'sse4_2', 'avx', 'avx2', 'fma', 'f16c', 'bmi2',
  'avx512f', 'avx512bw', 'avx512vl', 'avx512dq', 'avx512_vnni', 'avx512vnni', 'avx512_bf16', 'avx_vnni', 'avx512_fp16',
  'amx_tile', 'amx_int8', 'amx_bf16',
  'asimd', 'asimddp', 'asimdhp', 'fphp', 'sve', 'sve2', 'i8mm', 'bf16', 'sme',
]);

/** Flags from /proc/cpuinfo (Linux); elsewhere the features llama.cpp's own CPU backend reports. */
export function cpuFlags(cpuinfo: string | null, systemInfo: string | null): string[] {
  if (cpuinfo) {
    const line = /^(?:flags|Features)\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? '';
    const flags = line.split(/\s+/).filter((f) => RELEVANT_FLAGS.has(f));
    if (flags.length > 0) return [...new Set(flags)].sort();
  }
  if (systemInfo) {
    // `CPU : SSE3 = 1 | AVX = 1 | … | OPENMP = 1 |`: what the loaded CPU variant uses.
    return [...systemInfo.matchAll(/\b([A-Z0-9_]+) = 1\b/g)]
      .map((m) => m[1]!.toLowerCase())
      .filter((f) => RELEVANT_FLAGS.has(f) || f.startsWith('avx') || f === 'neon')
      .sort();
  }
  return [];
}

function readCpuinfo(): string | null {
  if (platform() !== 'linux') return null;
  try {
    return readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    return null;
  }
}

const GiB = 1024 ** 3;

/**
 * This machine as the lab records it. Its id hashes what changes speed: CPU model and extensions,
 * core counts, memory (rounded, since the reported total moves by a few MB between boots), GPU.
 */
export function describeMachine(gpu: GpuInfo, engine: EngineBuildInfo | null): Machine {
  const cpuModel = cpus()[0]?.model.trim() ?? 'unknown';
  const flags = cpuFlags(readCpuinfo(), engine?.systemInfo ?? null);
  const ready = gpu.state === 'ready' ? gpu : null;
  const machine: Omit<Machine, 'id'> = {
    cpuModel,
    cpuFlags: flags,
    logicalCores: cpus().length,
    mathCores: ready?.cpuMathCores ?? cpus().length,
    memoryBytes: totalmem(),
    gpuBackend: ready?.backend ?? 'cpu',
    gpuNames: ready?.deviceNames ?? [],
    vramBytes: ready?.vramTotalBytes ?? 0,
    os: `${platform()} ${release()}`,
    arch: arch(),
  };
  const identity = {
    cpuModel,
    flags,
    logical: machine.logicalCores,
    math: machine.mathCores,
    memoryGiB: Math.round(machine.memoryBytes / GiB),
    gpu: [machine.gpuBackend, ...machine.gpuNames],
    arch: machine.arch,
  };
  return { id: createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 16), ...machine };
}
