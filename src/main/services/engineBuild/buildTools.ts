import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { BuildRequirement } from '../../../shared/contract';

/** A program on PATH, or null. */
export function findTool(name: string, path = process.env.PATH ?? ''): string | null {
  const suffixes = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    for (const suffix of suffixes) {
      const file = join(dir, name + suffix);
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        // not here
      }
    }
  }
  return null;
}

/** What building the engine needs that this machine lacks (empty: it can build). */
export function missingBuildTools(path?: string): BuildRequirement[] {
  const missing: BuildRequirement[] = [];
  if (!findTool('git', path)) missing.push('git');
  if (!findTool('cmake', path)) missing.push('cmake');
  if (!['c++', 'g++', 'clang++'].some((c) => findTool(c, path))) missing.push('compiler');
  if (!findTool('ninja', path) && !findTool('make', path)) missing.push('makeOrNinja');
  return missing;
}
