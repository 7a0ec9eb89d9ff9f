// The terminal messages of scripts, in the user's language: the same strings and lookup as the
// headless host's (src/main/base/cliTranslator.ts), loaded through tsx.
import { tsImport } from 'tsx/esm/api';

/** @returns {Promise<(key: string, vars?: Record<string, string | number>) => string>} */
export async function scriptTranslator() {
  const { cliTranslator } = await tsImport('../../src/main/base/cliTranslator.ts', import.meta.url);
  return cliTranslator();
}
