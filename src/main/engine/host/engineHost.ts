import { getLlama, LlamaLogLevel, type Llama } from 'node-llama-cpp';
import type { EngineMessage, EngineRequest } from '../protocol';

/**
 * The engine host process: it owns node-llama-cpp, so a native abort or an out-of-memory kill
 * takes down only this process, never the UI or the database. Started by EngineSupervisor via
 * `child_process.fork` (headless) or Electron's `utilityProcess` (app).
 */

interface ParentChannel {
  send(message: EngineMessage): void;
  onMessage(listener: (message: EngineRequest) => void): void;
}

function parentChannel(): ParentChannel {
  // Electron's utilityProcess exposes `process.parentPort`; a forked Node process has `process.send`.
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

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

let llamaPromise: Promise<Llama> | null = null;
function llama(): Promise<Llama> {
  // build: 'never' — the app must not try to compile llama.cpp on a user's machine.
  llamaPromise ??= getLlama({ gpu: 'auto', build: 'never', logLevel: LlamaLogLevel.error });
  return llamaPromise;
}

const channel = parentChannel();

channel.onMessage((req) => {
  void handle(req).then(channel.send, (error: unknown) =>
    channel.send({ id: req.id, type: 'error', code: 'ENGINE_UNAVAILABLE', detail: String(error).slice(0, 500) }),
  );
});

async function handle(req: EngineRequest): Promise<EngineMessage> {
  switch (req.type) {
    case 'hardware': {
      const l = await llama();
      const vram = await l.getVramState();
      return {
        id: req.id,
        type: 'hardware',
        gpu: {
          state: 'ready',
          backend: l.gpu === false ? 'cpu' : l.gpu,
          deviceNames: l.gpu === false ? [] : await l.getGpuDeviceNames(),
          vramTotalBytes: vram.total,
          vramFreeBytes: vram.free,
          cpuMathCores: l.cpuMathCores,
        },
      };
    }
  }
}

channel.send({ type: 'ready' });
// The parent going away (killed host) must not leave an orphan holding GPU memory.
process.on('disconnect', () => process.exit(0));
