import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { appError } from '../../base/appError';

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
// Control characters and the characters Windows forbids in names.
const FORBIDDEN = /[\u0000-\u001f\u007f<>:"|?*\\]/;

/**
 * A name from the Hub (repository id or a file's path inside it) split into segments that are safe
 * as file names on every platform, or BAD_HUB_PATH. Names come from a server and from contract
 * calls: neither is trusted to stay inside the model folders.
 */
export function safeSegments(path: string): string[] {
  const bad = (reason: string) => appError('BAD_HUB_PATH', { path: path.slice(0, 300), reason });
  if (path.includes('\0')) throw bad('NUL character');
  if (path.startsWith('/') || isAbsolute(path) || /^[A-Za-z]:/.test(path)) throw bad('absolute path');
  const segments = path.split('/');
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..') throw bad('empty, "." or ".." segment');
    if (FORBIDDEN.test(segment)) throw bad('character not allowed in file names');
    if (WINDOWS_RESERVED.test(segment)) throw bad('reserved name on Windows');
    if (/[. ]$/.test(segment)) throw bad('name ends with a dot or space');
    if (Buffer.byteLength(segment) > 255) throw bad('name too long');
  }
  return segments;
}

/** `<root>/<publisher>/<repo>/<file path>`, checked to stay under root lexically. */
export function destinationFor(root: string, repoId: string, filePath: string): string {
  const target = resolve(root, ...safeSegments(repoId), ...safeSegments(filePath));
  const rel = relative(resolve(root), target);
  if (rel.startsWith('..') || isAbsolute(rel)) throw appError('BAD_HUB_PATH', { path: filePath, reason: 'outside the model folder' });
  return target;
}

/**
 * The same, also through symlinks: the deepest existing ancestor of `target` must really lie in
 * root. Called right before a file is created or renamed into place.
 */
export async function assertInsideReal(root: string, target: string): Promise<void> {
  const realRoot = await realpath(root);
  let existing = dirname(target);
  for (;;) {
    try {
      const real = await realpath(existing);
      if (real !== realRoot && !real.startsWith(realRoot + sep)) {
        throw appError('BAD_HUB_PATH', { path: target, reason: 'a folder on the way is a link out of the model folder' });
      }
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const parent = dirname(existing);
      if (parent === existing) throw error;
      existing = parent;
    }
  }
}
