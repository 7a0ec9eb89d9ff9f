import type { Llama, LlamaContextSequence, LlamaModel, Token } from 'node-llama-cpp';
import { readGgufHeader } from '../../gguf/readGgufHeader';
import type { BenchCall, BenchHostEvent } from '../protocol';
import { mulberry32 } from '../../../shared/random';
import { bytesPerGeneratedToken, tensorBytes, trafficModel, type KvType } from './benchTraffic';
import { ggmlKvType } from './estimate';
import { canGenerateNatively, generateNatively } from './nativeGenerate';

/**
 * llama-bench's procedure through node-llama-cpp, in an engine process of its own (nothing else
 * runs in it). Per test and settings: a context sized prompt + generated + depth tokens; a warm-up
 * (the prompt once, one generated token); then per repetition the context is cleared, the depth
 * filled untimed (once, then kept by erasing what came after it), and the timed part run: the
 * prompt as random tokens in batches, then `nGen` tokens generated one at a time. Unlike
 * llama-bench, generated tokens are sampled (greedy) through the loop Caliper's answers take, so
 * `tg` is the speed Caliper's own answers get, not the bare decode speed.
 */

export async function runBench(llama: Llama, call: BenchCall, emit: (e: BenchHostEvent) => void): Promise<void> {
  const header = readGgufHeader(call.path);
  const parameters = header.tensors.reduce((sum, t) => sum + t.dims.reduce((a, b) => a * b, 1), 0);
  const sizeBytes = header.tensors.reduce((sum, t) => sum + tensorBytes(t.type, t.dims), 0);
  const tokens = header.metadata.get('tokenizer.ggml.tokens');
  const vocabularySize = tokens && typeof tokens === 'object' ? tokens.arrayLength : 0;
  if (vocabularySize <= 0) throw new Error('the file has no vocabulary');
  const random = mulberry32(call.seed);
  const randomTokens = (n: number) => Array.from({ length: n }, () => Math.floor(random() * vocabularySize) as Token);

  let model: LlamaModel | null = null;
  let loadedLayers: number | 'max' | null = null;
  try {
    for (const [index, unit] of call.units.entries()) {
      const { settings, test } = unit;
      if (model === null || loadedLayers !== settings.gpuLayers) {
        emit({ kind: 'phase', unit: index, phase: 'load', repetition: null });
        await model?.dispose();
        model = await llama.loadModel({ modelPath: call.path, gpuLayers: settings.gpuLayers });
        loadedLayers = settings.gpuLayers;
        if (index === 0) emit({ kind: 'model', description: model.typeDescription, sizeBytes, parameters, vocabularySize });
      }
      const bos = model.tokens.bos ?? randomTokens(1)[0]!;
      const context = await model.createContext({
        contextSize: test.nPrompt + test.nGen + test.depth + 1,
        threads: settings.threads,
        // node-llama-cpp hands llama.cpp one micro-batch per call (its n_batch = n_ubatch), so the
        // smaller of the two is what llama.cpp computes at a time, as in llama-bench.
        batchSize: Math.min(settings.batchSize, settings.ubatchSize),
        flashAttention: settings.flashAttention,
        experimentalKvCacheKeyType: ggmlKvType[settings.kvCacheType],
        experimentalKvCacheValueType: ggmlKvType[settings.kvCacheType],
      });
      try {
        const sequence = context.getSequence();
        const prompt = (n: number) => (n > 0 ? [bos, ...randomTokens(n - 1)] : []);
        if (call.warmup) {
          emit({ kind: 'phase', unit: index, phase: 'warmup', repetition: null });
          if (test.nPrompt > 0) await sequence.evaluateWithoutGeneratingNewTokens(prompt(test.nPrompt));
          if (test.nGen > 0) await generate(sequence, bos, 1);
        }
        const samplesNs: number[] = [];
        let depthReady = false;
        for (let rep = 0; rep < call.repetitions; rep++) {
          depthReady = await resetTo(sequence, test.depth, depthReady);
          if (test.depth > 0 && !depthReady) {
            emit({ kind: 'phase', unit: index, phase: 'depth', repetition: rep + 1 });
            await sequence.evaluateWithoutGeneratingNewTokens(prompt(test.depth));
            depthReady = true;
          }
          emit({ kind: 'phase', unit: index, phase: 'repetition', repetition: rep + 1 });
          const promptTokens = test.nPrompt > 0 ? (test.depth > 0 ? randomTokens(test.nPrompt) : prompt(test.nPrompt)) : [];
          const first = test.depth + test.nPrompt > 0 ? randomTokens(1)[0]! : bos;
          const start = process.hrtime.bigint();
          if (promptTokens.length > 0) await sequence.evaluateWithoutGeneratingNewTokens(promptTokens);
          if (test.nGen > 0) await generate(sequence, first, test.nGen);
          samplesNs.push(Number(process.hrtime.bigint() - start));
        }
        emit({
          kind: 'unit',
          unit: index,
          samplesNs,
          gpuLayers: model.gpuLayers,
          bytesPerToken: bytesPerGeneratedToken(trafficModel(header, settings.kvCacheType as KvType), test),
        });
      } finally {
        await context.dispose();
      }
    }
  } finally {
    await model?.dispose();
  }
}

/**
 * Back to `depth` tokens: erasing what followed keeps the depth's cache (llama-bench restores a
 * saved state instead); where erasing is not possible (a sliding-window cache that dropped cells),
 * everything is cleared and the depth is evaluated again.
 */
async function resetTo(sequence: LlamaContextSequence, depth: number, depthReady: boolean): Promise<boolean> {
  if (depth > 0 && depthReady) {
    try {
      await sequence.eraseContextTokenRanges([{ start: depth, end: sequence.nextTokenIndex }]);
      if (sequence.nextTokenIndex === depth) return true;
    } catch {
      // fall through to a full clear
    }
  }
  await sequence.clearHistory();
  return false;
}

const GREEDY = { temperature: 0, topK: 0, topP: 1, minP: 0, seed: undefined, repeatPenalty: false as const };

/**
 * `count` tokens as Caliper's answers get them (the engine build's native loop where it has one,
 * node-llama-cpp's generation loop otherwise): one decode each, greedy sampling. An end-of-generation
 * token does not end the test (llama-bench decodes random tokens regardless): it is decoded next.
 */
async function generate(sequence: LlamaContextSequence, first: Token, count: number): Promise<void> {
  let made = 0;
  if (canGenerateNatively(sequence)) {
    let next = first;
    while (made < count) {
      const before = made;
      for await (const token of generateNatively(sequence, [next], { ...GREEDY, maxTokens: count - made })) {
        made++;
        next = token;
      }
      if (made === before) throw new Error('the generation loop produced no token');
    }
    return;
  }
  for await (const _token of sequence.evaluate([first], { temperature: 0, yieldEogToken: true })) {
    if (++made >= count) break;
  }
}
