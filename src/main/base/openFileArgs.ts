import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The `.gguf` files a command line asks the app to open: Windows passes the path as an argument,
 * Linux desktop files pass a path or a file:// URL (`%U`), and a second instance hands over its
 * argv and working folder. Switches and everything else are ignored.
 */
export function ggufPathsFromArgv(argv: readonly string[], cwd: string): string[] {
  const found: string[] = [];
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-')) continue;
    let path = arg;
    if (/^file:\/\//i.test(arg)) {
      try {
        path = fileURLToPath(arg);
      } catch {
        continue;
      }
    }
    if (!/\.gguf$/i.test(path)) continue;
    const absolute = isAbsolute(path) ? path : resolve(cwd, path);
    if (!found.includes(absolute)) found.push(absolute);
  }
  return found;
}
