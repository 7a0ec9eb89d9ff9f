import type { ApiModel, LoadedModel, ModelFile } from '../../../shared/contract';

/**
 * The names programs use for models: each library file's path inside its model folder without
 * `.gguf` (an Ollama model by its own name, `llama3:8b`), stable while the file stays where it is,
 * plus the user's aliases. The same relative path in two folders gets `@2`, `@3` in folder order.
 */
export function apiModels(files: ModelFile[], loaded: LoadedModel[], aliases: Record<string, string>): ApiModel[] {
  const taken = new Set<string>();
  const loadedPaths = new Set(loaded.filter((m) => m.state === 'loaded').map((m) => m.path));
  const aliasesOf = new Map<string, string[]>();
  for (const [alias, path] of Object.entries(aliases)) aliasesOf.set(path, [...(aliasesOf.get(path) ?? []), alias]);
  const models: ApiModel[] = [];
  for (const file of files) {
    if (!file.facts || file.problem || file.facts.kind !== 'model') continue;
    const base = (file.displayName ?? file.relativePath).replace(/\\/g, '/').replace(/\.gguf$/i, '');
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}@${n}`;
    taken.add(id);
    models.push({
      id,
      path: file.path,
      aliases: aliasesOf.get(file.path) ?? [],
      loaded: loadedPaths.has(file.path),
      quantization: file.facts.fileType,
      architecture: file.facts.architecture,
    });
  }
  return models;
}

/** The file a request's `model` names: an id, an alias, or (for scripts that know it) the path itself. */
export function resolveApiModel(models: ApiModel[], name: string): ApiModel | null {
  return models.find((m) => m.id === name) ?? models.find((m) => m.aliases.includes(name)) ?? models.find((m) => m.path === name) ?? null;
}
