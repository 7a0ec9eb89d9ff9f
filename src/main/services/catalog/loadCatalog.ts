import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CatalogFamilySchema, type CatalogFamily } from '../../../shared/contract';

/** A catalog file that is not valid JSON or not a valid family: names the file and every problem. */
export class CatalogDataError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Invalid catalog file ${file}:\n  ${problems.join('\n  ')}`);
    this.name = 'CatalogDataError';
  }
}

/** Parses and validates one family file; the file must be named after the family's id. */
export function parseCatalogFile(fileName: string, text: string): CatalogFamily {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CatalogDataError(fileName, [`not JSON: ${(error as Error).message}`]);
  }
  const result = CatalogFamilySchema.safeParse(json);
  if (!result.success) {
    throw new CatalogDataError(
      fileName,
      result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  if (`${result.data.id}.json` !== fileName) {
    throw new CatalogDataError(fileName, [`id "${result.data.id}" does not match the file name`]);
  }
  return result.data;
}

/**
 * Reads every `*.json` in the catalog folder, ordered by family name. Any bad file fails the whole
 * load: a half catalog would hide families without telling anyone.
 */
export async function loadCatalog(dir: string): Promise<CatalogFamily[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const families = await Promise.all(
    files.map(async (file) => parseCatalogFile(file, await readFile(join(dir, file), 'utf8'))),
  );
  if (families.length === 0) throw new CatalogDataError(dir, ['no catalog files found']);
  return families.sort((a, b) => a.name.localeCompare(b.name, 'en'));
}
