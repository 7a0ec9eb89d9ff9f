import { realpathSync, statSync } from 'node:fs';
import { posix, win32 } from 'node:path';
import type { OtherApp } from '../../../shared/contract';

/** Where to look: the user's home and environment, as the host process sees them. */
export interface HostEnvironment {
  home: string;
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
}

/**
 * The model folders other local-LLM apps use by default, most specific first. LM Studio keeps
 * `<publisher>/<repo>/<file>.gguf` under `~/.lmstudio/models` (older versions
 * `~/.cache/lm-studio/models`); Ollama a `manifests/` + `blobs/` store under `~/.ollama/models`
 * (or `OLLAMA_MODELS`; the Linux service under /usr/share/ollama); Jan a `models` (newer:
 * `llamacpp/models`) folder in its data folder, which has moved between versions and platforms.
 */
export function otherAppCandidates(host: HostEnvironment): Array<{ app: OtherApp; path: string }> {
  const p = host.platform === 'win32' ? win32 : posix;
  const { home, env } = host;
  const janData: string[] = [];
  if (host.platform === 'darwin') janData.push(p.join(home, 'Library', 'Application Support', 'Jan', 'data'));
  else if (host.platform === 'win32') janData.push(p.join(env.APPDATA || p.join(home, 'AppData', 'Roaming'), 'Jan', 'data'));
  else janData.push(p.join(env.XDG_CONFIG_HOME || p.join(home, '.config'), 'Jan', 'data'));
  return [
    { app: 'lmstudio', path: p.join(home, '.lmstudio', 'models') },
    { app: 'lmstudio', path: p.join(home, '.cache', 'lm-studio', 'models') },
    ...(env.OLLAMA_MODELS && p.isAbsolute(env.OLLAMA_MODELS) ? [{ app: 'ollama' as const, path: env.OLLAMA_MODELS }] : []),
    { app: 'ollama', path: p.join(home, '.ollama', 'models') },
    ...(host.platform === 'linux' ? [{ app: 'ollama' as const, path: '/usr/share/ollama/.ollama/models' }] : []),
    ...janData.flatMap((data) => [
      { app: 'jan' as const, path: p.join(data, 'llamacpp', 'models') },
      { app: 'jan' as const, path: p.join(data, 'models') },
    ]),
    { app: 'jan', path: p.join(home, 'jan', 'models') },
  ];
}

/** The candidates that exist here as folders, each real folder once. */
export function detectOtherAppFolders(host: HostEnvironment): Array<{ app: OtherApp; path: string }> {
  const seen = new Set<string>();
  const found: Array<{ app: OtherApp; path: string }> = [];
  for (const candidate of otherAppCandidates(host)) {
    let real: string;
    try {
      if (!statSync(candidate.path).isDirectory()) continue;
      real = realpathSync(candidate.path);
    } catch {
      continue; // absent or unreadable: nothing to offer
    }
    if (seen.has(real)) continue;
    seen.add(real);
    found.push(candidate);
  }
  return found;
}
