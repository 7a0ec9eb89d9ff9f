import { sep } from 'node:path';

/**
 * In a packaged app, code and `require.resolve` see paths inside `app.asar`, a read-only archive
 * that only Node's patched `fs` can read. Native libraries are stored beside it in
 * `app.asar.unpacked` (electron-builder's `asarUnpack`), and a loader that bypasses that `fs`
 * (dlopen through koffi) must be given the unpacked path. Outside a package this is the identity.
 */
export function unpackedPath(path: string, separator: string = sep): string {
  const packed = `${separator}app.asar${separator}`;
  const at = path.indexOf(packed);
  if (at === -1) return path;
  return `${path.slice(0, at)}${separator}app.asar.unpacked${separator}${path.slice(at + packed.length)}`;
}
