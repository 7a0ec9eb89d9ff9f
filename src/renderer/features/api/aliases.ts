import { ModelAliasSchema, type ApiModel } from '../../../shared/contract';

export type AliasProblem = { kind: 'invalid' } | { kind: 'taken'; model: string } | null;

/**
 * Why `alias` cannot name a model, if it cannot: the settings' pattern, or a name some model
 * already answers to. The API resolves ids before aliases, so an alias equal to another model's id
 * would never be reached; one equal to another alias would silently take the first.
 */
export function aliasProblem(models: readonly ApiModel[], alias: string): AliasProblem {
  if (!ModelAliasSchema.safeParse(alias).success) return { kind: 'invalid' };
  const owner = models.find((m) => m.id === alias || m.aliases.includes(alias) || m.path === alias);
  return owner ? { kind: 'taken', model: owner.id } : null;
}

/** The alias setting with `alias` naming the file at `path`. */
export function withAlias(aliases: Readonly<Record<string, string>>, alias: string, path: string): Record<string, string> {
  return { ...aliases, [alias]: path };
}

/** The alias setting without `alias`. */
export function withoutAlias(aliases: Readonly<Record<string, string>>, alias: string): Record<string, string> {
  const next = { ...aliases };
  delete next[alias];
  return next;
}
