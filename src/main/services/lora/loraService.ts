import type { AdapterMatch, LibrarySnapshot } from '../../../shared/contract';
import type { EngineSupervisor } from '../../engineProcess/engineSupervisor';
import type { EngineService } from '../engine/engineService';

export interface LoraServiceDeps {
  engine: EngineSupervisor;
  engineService: EngineService;
  /** The library as last scanned (a scan runs when there is none yet). */
  snapshot: () => Promise<LibrarySnapshot>;
}

/** LoRA adapters in the library, each checked against a model (architecture, tensor shapes). */
export class LoraService {
  constructor(private readonly deps: LoraServiceDeps) {}

  async forModel(path: string): Promise<AdapterMatch[]> {
    const model = await this.deps.engineService.checkFile(path);
    const adapters = (await this.deps.snapshot()).files.filter((f) => f.facts?.kind === 'adapter');
    const matches: AdapterMatch[] = [];
    for (const a of adapters) {
      const check = await this.deps.engine.checkAdapter(model, a.path);
      matches.push({
        path: a.path,
        name: a.facts?.name ?? null,
        architecture: a.facts?.architecture ?? '',
        compatible: check.compatible,
        reason: check.compatible ? null : check.reason,
        detail: check.compatible ? '' : check.detail,
      });
    }
    // Those that fit first: they are what the user can attach.
    return matches.sort((x, y) => Number(y.compatible) - Number(x.compatible));
  }
}
