import { realpath, stat } from 'node:fs/promises';
import { sep } from 'node:path';
import { appError } from '../../base/appError';

/**
 * The real path of a file that lies inside one of the model folders, or PATH_NOT_IN_LIBRARY.
 * Resolving links first means neither `..` nor a symlink can reach outside.
 */
export async function confineToFolders(path: string, folders: string[]): Promise<string> {
  let real: string;
  try {
    real = await realpath(path);
    if (!(await stat(real)).isFile()) throw new Error('not a file');
  } catch {
    throw appError('PATH_NOT_IN_LIBRARY', { path });
  }
  const roots = await Promise.all(folders.map((f) => realpath(f).catch(() => null)));
  if (!roots.some((root) => root && real.startsWith(root.endsWith(sep) ? root : root + sep))) {
    throw appError('PATH_NOT_IN_LIBRARY', { path });
  }
  return real;
}
