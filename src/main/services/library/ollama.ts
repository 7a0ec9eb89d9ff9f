import { open, opendir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { FoundFile } from './walkGgufFiles';

/**
 * Ollama's store used in place: `<root>/manifests/<host>/<namespace>/<name>/<tag>` are JSON
 * manifests whose model layer names a blob `<root>/blobs/sha256-<hex>` (a GGUF without an
 * extension). Blobs are listed under their model names, never copied or renamed.
 */

const MODEL_LAYER = 'application/vnd.ollama.image.model';
const DIGEST = /^sha256:([0-9a-f]{64})$/;
const MAX_MANIFEST_BYTES = 1 << 20;
const MAX_MANIFEST_DEPTH = 6;
const DEFAULT_HOST = 'registry.ollama.ai';

/** Whether `dir` holds `manifests/` and `blobs/` folders. */
export async function isOllamaRoot(dir: string): Promise<boolean> {
  const [manifests, blobs] = await Promise.all(
    ['manifests', 'blobs'].map((name) => stat(join(dir, name)).then((s) => s.isDirectory(), () => false)),
  );
  return Boolean(manifests && blobs);
}

/** `registry.ollama.ai/library/llama3/8b` → `llama3:8b`; other namespaces and hosts keep their prefix. */
export function ollamaModelName(segments: string[]): string {
  const tag = segments.at(-1) ?? '';
  let name = segments.slice(0, -1);
  if (name[0] === DEFAULT_HOST) name = name[1] === 'library' ? name.slice(2) : name.slice(1);
  return `${name.join('/')}:${tag}`;
}

async function readManifestDigest(path: string): Promise<string | null> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > MAX_MANIFEST_BYTES) return null;
    const manifest = JSON.parse((await handle.readFile()).toString('utf8')) as { layers?: unknown };
    if (!Array.isArray(manifest.layers)) return null;
    for (const layer of manifest.layers as Array<{ mediaType?: unknown; digest?: unknown }>) {
      if (layer?.mediaType !== MODEL_LAYER || typeof layer.digest !== 'string') continue;
      // Only a well-formed digest names a blob, so a manifest cannot point outside `blobs/`.
      return DIGEST.exec(layer.digest)?.[1] ?? null;
    }
    return null;
  } finally {
    await handle.close();
  }
}

/**
 * Lists the model blobs of an Ollama store. A blob shared by several tags is listed once with
 * all its names. Manifests that are not JSON, or name a missing blob, are skipped.
 */
export async function listOllamaModels(
  root: string,
  folder: string,
  signal?: AbortSignal,
): Promise<{ files: FoundFile[]; directories: string[] }> {
  const directories = [root, join(root, 'blobs')];
  const namesByDigest = new Map<string, string[]>();

  async function walk(dir: string, segments: string[]): Promise<void> {
    signal?.throwIfAborted();
    if (segments.length > MAX_MANIFEST_DEPTH) return;
    directories.push(dir);
    const handle = await opendir(dir).catch(() => null);
    if (!handle) return;
    for await (const entry of handle) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path, [...segments, entry.name]);
      else if (entry.isFile() && segments.length > 0) {
        const digest = await readManifestDigest(path).catch(() => null);
        if (digest) namesByDigest.set(digest, [...(namesByDigest.get(digest) ?? []), ollamaModelName([...segments, entry.name])]);
      }
    }
  }
  await walk(join(root, 'manifests'), []);

  const files: FoundFile[] = [];
  for (const [digest, names] of namesByDigest) {
    const path = join(root, 'blobs', `sha256-${digest}`);
    const s = await stat(path).catch(() => null);
    if (!s?.isFile()) continue;
    files.push({
      path,
      folder,
      relativePath: relative(folder, path).split(sep).join('/'),
      sizeBytes: s.size,
      modifiedAt: s.mtimeMs,
      displayName: names.sort().join(', '),
      // Ollama names blobs by the SHA-256 it verified when it pulled them.
      knownSha256: digest,
    });
  }
  return { files, directories };
}
