import { arch, cpus, freemem, platform, release, totalmem } from 'node:os';
import type { GpuInfo, StorageNotice, SystemInfo } from '../../../shared/contract';
import type { EngineSupervisor } from '../../engineProcess/engineSupervisor';

export interface SystemServiceDeps {
  appVersion: string;
  shell: SystemInfo['shell'];
  dataDir: string;
  modelsDir: string;
  storageNotice: StorageNotice | null;
  engine: EngineSupervisor;
}

export class SystemService {
  constructor(private readonly deps: SystemServiceDeps) {}

  info(): SystemInfo {
    const cpuList = cpus();
    return {
      appVersion: this.deps.appVersion,
      shell: this.deps.shell,
      platform: platform(),
      osRelease: release(),
      arch: arch(),
      cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
      cpuLogicalCores: cpuList.length,
      totalMemoryBytes: totalmem(),
      freeMemoryBytes: freemem(),
      dataDir: this.deps.dataDir,
      modelsDir: this.deps.modelsDir,
      storageNotice: this.deps.storageNotice,
    };
  }

  gpu(): Promise<GpuInfo> {
    return this.deps.engine.gpu();
  }
}
