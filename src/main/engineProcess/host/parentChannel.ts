import type { EngineMessage, EngineRequest } from '../protocol';

export interface ParentChannel {
  send(message: EngineMessage): void;
  onMessage(listener: (message: EngineRequest) => void): void;
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

/** Electron's utilityProcess exposes `process.parentPort`; a forked Node process has `process.send`. */
export function parentChannel(): ParentChannel {
  const parentPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (parentPort) {
    return {
      send: (m) => parentPort.postMessage(m),
      onMessage: (l) => parentPort.on('message', (e) => l(e.data as EngineRequest)),
    };
  }
  if (!process.send) throw new Error('engineHost must be started by the engine supervisor');
  return {
    send: (m) => process.send?.(m),
    onMessage: (l) => process.on('message', (m) => l(m as EngineRequest)),
  };
}
