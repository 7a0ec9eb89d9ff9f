import type { GpuInfo } from '../../shared/contract';

/**
 * Messages between the supervisor (main side) and the engine host process. The engine host is
 * the only place node-llama-cpp runs; later issues add load/generate requests here.
 */
export type EngineRequest = { id: number; type: 'hardware' };

export type EngineResponse =
  | { id: number; type: 'hardware'; gpu: Extract<GpuInfo, { state: 'ready' }> }
  | { id: number; type: 'error'; code: 'ENGINE_UNAVAILABLE'; detail: string };

export type EngineMessage = EngineResponse | { type: 'ready' };
