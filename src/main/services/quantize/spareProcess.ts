import type { EntryPoint } from '../../base/entryPoints';
import type { EngineLauncher } from '../../engineProcess/launcher';
import { QuantizeProcess } from './quantizeProcess';

export interface DryRun {
  bytes: number;
  fallbackTensors: number;
}

/** A process kept after a plan waits this long for the start that usually follows. */
const SPARE_MS = 60_000;

/**
 * Starting a quantize process costs a second or two (Node, node-llama-cpp, libllama). The one a
 * plan used is kept, with its dry runs, so the start that follows is ready at once.
 */
export class SpareProcess {
  private spare: { proc: QuantizeProcess; dry: Map<string, DryRun>; timer: NodeJS.Timeout } | null = null;

  constructor(
    private readonly entry: EntryPoint,
    private readonly launch: EngineLauncher,
  ) {}

  /** The spare when its priority still fits (a model loaded since means low priority), else a new one. */
  take(lowPriority: boolean): { proc: QuantizeProcess; dry: Map<string, DryRun> } {
    const spare = this.spare;
    this.spare = null;
    if (spare) clearTimeout(spare.timer);
    if (spare && spare.proc.lowPriority === lowPriority && spare.proc.alive) return { proc: spare.proc, dry: spare.dry };
    spare?.proc.kill();
    return { proc: new QuantizeProcess(this.entry, this.launch, lowPriority), dry: new Map() };
  }

  keep(proc: QuantizeProcess, dry: Map<string, DryRun>): void {
    this.drop();
    this.spare = { proc, dry, timer: setTimeout(() => this.drop(), SPARE_MS).unref() };
  }

  drop(): void {
    if (!this.spare) return;
    clearTimeout(this.spare.timer);
    this.spare.proc.kill();
    this.spare = null;
  }
}
