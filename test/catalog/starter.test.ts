import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/main/composition';
import { loadCatalog } from '../../src/main/services/catalog/loadCatalog';
import { starterCandidates, statedSizeB, STARTER_MAX_B, STARTER_MIN_B } from '../../src/main/services/catalog/starterCandidates';
import { roomToSpare, starterGroup } from '../../src/main/services/catalog/starterService';
import type { Fit, HubFileGroup } from '../../src/shared/contract';
import { ensureFixtures, type FixtureSet } from '../fixtures/generate';
import { FakeHub } from '../support/fakeHub';
import { starterHubModels } from '../support/hubModels';
import { useTempDirs } from '../support/tempDir';
import { createTestApp } from '../support/testApp';

const tempDir = useTempDirs();
const catalogDir = join(import.meta.dirname, '../../resources/catalog');
let fixtures: FixtureSet;
const apps: App[] = [];
const hubs: FakeHub[] = [];

beforeAll(async () => {
  fixtures = await ensureFixtures();
});
afterEach(async () => {
  for (const app of apps.splice(0)) await app.dispose();
  for (const hub of hubs.splice(0)) await hub.close();
});

async function appWithHub(only?: string[]): Promise<{ app: App; hub: FakeHub }> {
  const hub = await FakeHub.start(starterHubModels(fixtures, only));
  hubs.push(hub);
  const app = createTestApp(tempDir(), undefined, { hubEndpointEnv: hub.url });
  apps.push(app);
  return { app, hub };
}

describe('starter candidates from the catalog', () => {
  it('reads the size a repository name states, not an expert count', () => {
    expect(statedSizeB('Qwen/Qwen3-1.7B-GGUF')).toBe(1.7);
    expect(statedSizeB('bartowski/google_gemma-3-1b-it-GGUF')).toBe(1);
    expect(statedSizeB('bartowski/Llama-3.2-3B-Instruct-GGUF')).toBe(3);
    expect(statedSizeB('TheBloke/Mixtral-8x7B-Instruct-v0.1-GGUF')).toBeNull();
    expect(statedSizeB('microsoft/Phi-3-mini-4k-instruct-gguf')).toBeNull();
  });

  it('offers only small runnable chat models in GGUF whose license allows use, Chinese speakers first under 简体中文', async () => {
    const families = await loadCatalog(catalogDir);
    for (const language of ['en', 'zh-CN'] as const) {
      const candidates = starterCandidates(families, language);
      expect(candidates.length).toBeGreaterThan(2);
      for (const c of candidates) {
        expect(c.repo.format).toBe('gguf');
        expect(c.family.engineSupport).toBe('supported');
        expect(c.license.commercialUse).toBe('allowed');
        expect(c.variant.parametersB).toBeGreaterThanOrEqual(STARTER_MIN_B);
        expect(c.variant.parametersB).toBeLessThanOrEqual(STARTER_MAX_B);
      }
      // Llama 3.2's community license has conditions; Qwen 2.5 3B is research-only.
      expect(candidates.map((c) => c.repo.repoId)).not.toContain('bartowski/Llama-3.2-1B-Instruct-GGUF');
      expect(candidates.map((c) => c.repo.repoId)).not.toContain('Qwen/Qwen2.5-3B-Instruct-GGUF');
    }
    const zh = starterCandidates(families, 'zh-CN');
    const firstNonChinese = zh.findIndex((c) => !c.family.languages.includes('zh'));
    expect(zh.slice(firstNonChinese).every((c) => !c.family.languages.includes('zh'))).toBe(true);
  });

  it('downloads a 4-bit K-quant when the repository has one, else the smallest file', () => {
    const group = (quantization: string | null, totalBytes: number): HubFileGroup => ({ primaryPath: `${quantization}.gguf`, quantization, totalBytes, files: [] });
    expect(starterGroup([group('Q8_0', 2), group('Q4_K_M', 1), group('F16', 4)])?.quantization).toBe('Q4_K_M');
    expect(starterGroup([group('F16', 4), group('F32', 8)])?.quantization).toBe('F16');
    expect(starterGroup([])).toBeNull();
  });

  it('wants room to spare: half the free memory at most, and never a partial offload', () => {
    const fit = (label: Fit['label'], ram: number, vram = 0): Fit => ({
      label,
      estimate: { gpuLayers: 0, contextSize: 4096, ramBytes: ram, vramBytes: vram, availableRamBytes: 8e9, availableVramBytes: 8e9, fits: true },
    });
    expect(roomToSpare(fit('cpu', 3e9))).toBe(true);
    expect(roomToSpare(fit('cpu', 5e9))).toBe(false);
    expect(roomToSpare(fit('gpu', 1e9, 5e9))).toBe(true);
    expect(roomToSpare(fit('gpu', 1e9, 7e9))).toBe(false);
    expect(roomToSpare(fit('partial', 1e9, 1e9))).toBe(false);
  });
});

describe('catalog.starter against a loopback Hub', () => {
  it('picks the first candidate the Hub has, in its 4-bit file, with the fit read from the remote header', async () => {
    const { app, hub } = await appWithHub();
    const starter = await app.client.catalog.starter({ language: 'en' });
    expect(starter).toMatchObject({ familyId: 'qwen-3', repoId: 'Qwen/Qwen3-1.7B-GGUF', path: 'Qwen3-1.7B-Q4_K_M.gguf', quantization: 'Q4_K_M' });
    expect(starter!.sizeBytes).toBe(fixtures.byId.qwen3.sizeBytes);
    expect(starter!.license.commercialUse).toBe('allowed');
    expect(['gpu', 'cpu']).toContain(starter!.fit.label);
    // Only the header was read, with range requests.
    const gets = hub.requests.filter((r) => r.origin === 'cdn' && r.method === 'GET');
    expect(gets.length).toBeGreaterThan(0);
    expect(gets.every((r) => r.range?.startsWith('bytes=0-'))).toBe(true);
  });

  it('skips candidates the Hub does not have', async () => {
    const { app } = await appWithHub(['HuggingFaceTB/SmolLM2-1.7B-Instruct-GGUF']);
    const starter = await app.client.catalog.starter({ language: 'en' });
    expect(starter?.repoId).toBe('HuggingFaceTB/SmolLM2-1.7B-Instruct-GGUF');
  });

  it('answers null when no candidate is there, and HUB_UNREACHABLE when the Hub is down', async () => {
    const { app } = await appWithHub([]);
    expect(await app.client.catalog.starter({ language: 'zh-CN' })).toBeNull();
    const offline = createTestApp(tempDir(), undefined, { hubEndpointEnv: 'http://127.0.0.1:9' });
    apps.push(offline);
    await expect(offline.client.catalog.starter({ language: 'en' })).rejects.toMatchObject({ code: 'HUB_UNREACHABLE' });
  });
});
