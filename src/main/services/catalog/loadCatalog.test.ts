import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { familyArchitectures, HubRepoIdSchema, type CatalogFamily } from '../../../shared/contract';
import { defaultResourcesDir } from '../../base/resourcesDir';
import { CatalogService } from './catalogService';
import { CatalogDataError, loadCatalog, parseCatalogFile } from './loadCatalog';

const catalogDir = join(defaultResourcesDir(), 'catalog');
// External links leave the app only for these hosts (src/main/electron/security.ts); a source
// elsewhere could not be opened from the desktop app.
const linkHosts = ['huggingface.co', 'github.com'];

describe('the bundled catalog', () => {
  let families: CatalogFamily[];

  beforeAll(async () => {
    // Throws CatalogDataError naming the file and field when any file is invalid.
    families = await loadCatalog(catalogDir);
  });

  it('covers the families the product brief names', () => {
    expect(families.map((f) => f.id).sort()).toEqual(
      [
        'alpaca', 'baichuan-2', 'chatglm', 'chinese-llama', 'code-llama', 'gemma-2', 'gemma-3', 'llama-3', 'llava',
        'minigpt-4', 'mistral-7b', 'mixtral-8x7b', 'phi-3', 'qwen-2.5', 'qwen-3', 'smollm2', 'vicuna',
      ].sort(),
    );
  });

  it('states an https source on an allowed host for every family, license and variant', () => {
    for (const family of families) {
      expect(family.sources.length, family.id).toBeGreaterThan(0);
      const urls = [...family.sources.map((s) => s.url), ...family.licenses.map((l) => l.url)];
      for (const url of urls) {
        const parsed = new URL(url);
        expect(parsed.protocol, `${family.id} ${url}`).toBe('https:');
        expect(linkHosts, `${family.id} ${url}`).toContain(parsed.hostname);
      }
      // The model card, at minimum: a Hugging Face page or the project's GitHub repository.
      expect(family.sources.some((s) => /^https:\/\/(huggingface\.co|github\.com)\/[^/]+\/[^/]+/.test(s.url)), family.id).toBe(true);
    }
  });

  it('names the GGUF architectures of every family the engine runs', () => {
    for (const family of families.filter((f) => f.engineSupport !== 'image_input_unsupported')) {
      expect(familyArchitectures(family).length, family.id).toBeGreaterThan(0);
      for (const variant of family.variants) expect(variant.ggufArchitecture, `${family.id} ${variant.name}`).toMatch(/^[a-z0-9]+$/);
    }
    // Mistral and Mixtral convert to the llama architecture, not an architecture of their own.
    const byId = new Map(families.map((f) => [f.id, f]));
    expect(familyArchitectures(byId.get('mistral-7b')!)).toEqual(['llama']);
    expect(familyArchitectures(byId.get('mixtral-8x7b')!)).toEqual(['llama']);
  });

  it('marks image-input families and gives them the vision tag', () => {
    const vision = families.filter((f) => f.engineSupport === 'image_input_unsupported').map((f) => f.id);
    expect(vision.sort()).toEqual(['llava', 'minigpt-4']);
    for (const family of families) {
      expect(family.tasks.includes('vision'), family.id).toBe(family.engineSupport === 'image_input_unsupported');
    }
  });

  it('recommends Hugging Face repos as owner/name, each once', () => {
    for (const family of families) {
      const ids = family.repos.map((r) => r.repoId);
      expect(new Set(ids).size, family.id).toBe(ids.length);
      for (const id of ids) {
        expect(HubRepoIdSchema.safeParse(id).success, id).toBe(true);
        expect(id.split('/')).toHaveLength(2);
      }
      if (family.engineSupport === 'supported') expect(family.repos.length, family.id).toBeGreaterThan(0);
    }
  });

  it('keeps MoE and attention facts consistent', () => {
    for (const family of families) {
      for (const v of family.variants) {
        if (v.activeParametersB !== undefined) expect(v.activeParametersB).toBeLessThan(v.parametersB);
        if (v.experts) expect(v.experts.used).toBeLessThan(v.experts.total);
        if (v.extendedContextLength !== undefined) expect(v.extendedContextLength).toBeGreaterThan(v.contextLength);
      }
    }
  });

  it('is served once by the CatalogService', async () => {
    const service = new CatalogService(defaultResourcesDir());
    const first = await service.list();
    expect(first).toEqual(families);
    expect(await service.list()).toBe(first);
  });
});

describe('invalid catalog files fail loudly', () => {
  const dirs: string[] = [];
  const valid = readFileSync(join(catalogDir, 'mistral-7b.json'), 'utf8');
  const withChange = (change: (family: Record<string, unknown>) => void) => {
    const family = JSON.parse(valid) as Record<string, unknown>;
    change(family);
    return JSON.stringify(family);
  };

  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('rejects text that is not JSON, naming the file', () => {
    expect(() => parseCatalogFile('mistral-7b.json', '{ nope')).toThrow(/mistral-7b\.json[\s\S]*not JSON/);
  });

  it.each([
    ['a missing source list', (f: Record<string, unknown>) => delete f.sources, /sources/],
    ['an http source', (f: Record<string, unknown>) => (f.sources = [{ label: 'card', url: 'http://huggingface.co/x/y' }]), /sources\.0\.url/],
    ['a repo id that is not owner/name', (f: Record<string, unknown>) => (f.repos = [{ repoId: 'just-a-name', format: 'gguf' }]), /repos\.0\.repoId/],
    ['an unknown field (a typo)', (f: Record<string, unknown>) => (f.licence = 'MIT'), /licence/],
    ['a missing Chinese text', (f: Record<string, unknown>) => (f.summary = { en: 'Only English' }), /summary\.zh-CN/],
    ['a runnable variant without an architecture', (f: Record<string, unknown>) => {
      (f.variants as Array<Record<string, unknown>>)[0]!.ggufArchitecture = null;
    }, /variants\.0\.ggufArchitecture/],
    ['a variant pointing at an unknown license', (f: Record<string, unknown>) => {
      (f.variants as Array<Record<string, unknown>>)[0]!.license = 'nope';
    }, /unknown license/],
  ])('rejects %s', (_name, change, message) => {
    expect(() => parseCatalogFile('mistral-7b.json', withChange(change))).toThrow(CatalogDataError);
    expect(() => parseCatalogFile('mistral-7b.json', withChange(change))).toThrow(message);
  });

  it('rejects a file not named after its family id', () => {
    expect(() => parseCatalogFile('mistral.json', valid)).toThrow(/does not match the file name/);
  });

  it('fails the whole load for one bad file, and an empty folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caliper-catalog-'));
    dirs.push(dir);
    await expect(loadCatalog(dir)).rejects.toThrow(/no catalog files/);
    writeFileSync(join(dir, 'mistral-7b.json'), valid);
    writeFileSync(join(dir, 'broken.json'), '[]');
    await expect(loadCatalog(dir)).rejects.toThrow(/broken\.json/);
  });

  it('the service reports a failed load to the caller and retries on the next call', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caliper-resources-'));
    dirs.push(dir);
    const service = new CatalogService(dir);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(service.list()).rejects.toThrow();
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
    mkdirSync(join(dir, 'catalog'));
    writeFileSync(join(dir, 'catalog', 'mistral-7b.json'), valid);
    expect((await service.list()).map((f) => f.id)).toEqual(['mistral-7b']);
  });
});
