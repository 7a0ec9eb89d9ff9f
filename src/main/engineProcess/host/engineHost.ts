import type { EngineMessage, EngineRequest, EngineResponse } from '../protocol';
import { runBench } from './bench';
import { measureBandwidth } from './benchBandwidth';
import { engineBuildInfo, llama } from './llamaRuntime';
import { ChunkBatcher } from './chunkBatcher';
import { estimateMemory } from './estimate';
import { kvCacheChart } from './kvCache';
import { checkAdapter } from './adapterCheck';
import { EngineBadRequest, ModelSession } from './modelSession';
import { measureQuality } from './quality';
import { parentChannel } from './parentChannel';

/**
 * The engine host process: it owns node-llama-cpp and at most one model, so a native abort or an
 * out-of-memory kill takes down only this process and its model, never the UI, the database or
 * another model. Started by EngineSupervisor via `child_process.fork` (headless) or Electron's
 * `utilityProcess` (app).
 */

// llama(): node-llama-cpp's prebuilt binary (never compiled on the user's machine by itself) or a
// build made for this machine that passed its smoke test; maxThreads 0 makes a context's `threads`
// the exact count used. See llamaRuntime.ts.

const channel = parentChannel();
let session: ModelSession | null = null;

channel.onMessage((req) => {
  const reply = (m: EngineResponse) => channel.send(m);
  handle(req, reply).then(
    (final) => final && reply(final),
    (error: unknown) =>
      reply({
        id: req.id,
        type: 'error',
        code: error instanceof EngineBadRequest ? 'BAD_REQUEST' : 'ENGINE_UNAVAILABLE',
        detail: (error instanceof Error ? error.message : String(error)).slice(0, 500),
      }),
  );
});

async function handle(req: EngineRequest, reply: (m: EngineResponse) => void): Promise<EngineResponse | null> {
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
        engine: engineBuildInfo() ?? undefined,
      };
    }
    case 'estimate': {
      const r = await estimateMemory(await llama(), req.path, req.settings);
      return {
        id: req.id,
        type: 'estimate',
        estimate: r.estimate,
        suggestedContextSize: r.suggestedContextSize,
        suggestedGpuLayers: r.suggestedGpuLayers,
      };
    }
    case 'kvCache':
      return { id: req.id, type: 'kvCache', chart: await kvCacheChart(await llama(), req.path, req.contextSizes) };
    case 'load': {
      if (session) return { id: req.id, type: 'error', code: 'BAD_REQUEST', detail: 'this engine already holds a model' };
      const result = await ModelSession.load(await llama(), req, (progress) =>
        reply({ id: req.id, type: 'loadProgress', progress }),
      );
      if ('session' in result) {
        session = result.session;
        return { id: req.id, type: 'loaded', info: session.info };
      }
      return { id: req.id, ...result.error };
    }
    case 'generate': {
      if (!session) return { id: req.id, type: 'error', code: 'NOT_LOADED', detail: 'no model is loaded' };
      const batcher = new ChunkBatcher((text, segment) =>
        reply({ id: req.id, type: 'chunk', generationId: req.generationId, text, segment }),
      );
      try {
        const result = await session.generate(
          req,
          (text, segment) => batcher.push(text, segment),
          (index, name, argumentsDelta) => {
            // Text written before a call goes out before it.
            batcher.flush();
            reply({ id: req.id, type: 'toolCall', generationId: req.generationId, index, name, argumentsDelta });
          },
        );
        return { id: req.id, type: 'generated', result };
      } finally {
        batcher.flush();
      }
    }
    case 'complete': {
      if (!session) return { id: req.id, type: 'error', code: 'NOT_LOADED', detail: 'no model is loaded' };
      const batcher = new ChunkBatcher((text) => reply({ id: req.id, type: 'chunk', generationId: req.generationId, text, segment: 'text' }));
      try {
        return { id: req.id, type: 'generated', result: await session.complete(req, (text) => batcher.push(text, 'text')) };
      } finally {
        batcher.flush();
      }
    }
    case 'embed': {
      if (!session) return { id: req.id, type: 'error', code: 'NOT_LOADED', detail: 'no model is loaded' };
      return { id: req.id, type: 'embedded', ...(await session.embed(req.inputs)) };
    }
    case 'quality': {
      const { id: _id, type: _type, ...call } = req;
      const outcome = await measureQuality(await llama(), call, (phase, done, total) =>
        reply({ id: req.id, type: 'qualityProgress', phase, done, total }),
      );
      return { id: req.id, type: 'quality', outcome };
    }
    case 'bench': {
      const { id: _id, type: _type, ...call } = req;
      await runBench(await llama(), call, (event) => reply({ id: req.id, type: 'benchProgress', event }));
      return { id: req.id, type: 'bench', engine: engineBuildInfo()! };
    }
    case 'bandwidth':
      // CALIPER_BANDWIDTH_BYTES_PER_THREAD (test seam): a smaller buffer, for a quick test on any machine.
      return {
        id: req.id,
        type: 'bandwidth',
        outcome: await measureBandwidth({ threads: req.threads, bytesPerThread: Number(process.env.CALIPER_BANDWIDTH_BYTES_PER_THREAD) || undefined }),
      };
    case 'adapterCheck':
      return { id: req.id, type: 'adapterCheck', check: checkAdapter(req.modelPath, req.adapterPath) };
    case 'memory':
      // maxRSS is the kernel's high-water mark (KiB): a true peak, not a sample that can miss it.
      return { id: req.id, type: 'memory', rssBytes: process.memoryUsage.rss(), peakRssBytes: process.resourceUsage().maxRSS * 1024 };
    case 'cancel':
      session?.cancel(req.generationId);
      return { id: req.id, type: 'cancelled' };
  }
}

channel.send({ type: 'ready' } satisfies EngineMessage);
// The parent going away (killed host) must not leave an orphan holding memory.
process.on('disconnect', () => process.exit(0));
