import { translate, type Language } from '../../shared/i18n';
import { DatabaseTooNewError } from '../storage/database';

/**
 * What stopped the desktop app from starting, in words a user can act on. Native modules fail to
 * load when a package carries a build for another Electron (NODE_MODULE_VERSION), platform or
 * architecture, or misses a system library (the MSVC runtime on Windows); the user gets a page
 * that says which part failed and what to do, not a stack trace.
 */
export type StartupFailureKind = 'sqlite' | 'engine' | 'ffi' | 'databaseTooNew' | 'other';

export interface StartupFailure {
  kind: StartupFailureKind;
  /** The error's message (no stack), for the "technical details" fold and a bug report. */
  detail: string;
  /** The schema version of a database from a newer Caliper. */
  version?: number;
}

const NATIVE_LOAD =
  /NODE_MODULE_VERSION|ERR_DLOPEN_FAILED|Could not locate the bindings file|invalid ELF header|wrong ELF class|not a valid Win32 application|specified module could not be found|image not found|Library not loaded|cannot open shared object file|incompatible architecture|Cannot find the native Koffi module|no suitable image found/i;

export function classifyStartupFailure(error: unknown): StartupFailure {
  const err = error instanceof Error ? error : new Error(String(error));
  const detail = err.message.slice(0, 2000);
  if (err instanceof DatabaseTooNewError) return { kind: 'databaseTooNew', detail, version: err.version };
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ERR_DLOPEN_FAILED' || NATIVE_LOAD.test(detail)) {
    const where = `${detail}\n${err.stack ?? ''}`;
    if (/better[-_]sqlite3/i.test(where)) return { kind: 'sqlite', detail };
    if (/koffi/i.test(where)) return { kind: 'ffi', detail };
    if (/node-llama-cpp|llama-addon|libllama|libggml|ggml-/i.test(where)) return { kind: 'engine', detail };
  }
  return { kind: 'other', detail };
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The page shown instead of the app: static HTML (no script, nothing loaded from anywhere), in the
 * user's language. `fatal` pages end the app when closed; the engine's page leaves the app running.
 */
export function startupFailurePage(failure: StartupFailure, options: { language: Language; dataDir: string; platform: NodeJS.Platform }): string {
  const t = (key: string, vars?: Record<string, string | number>) => translate(options.language, `desktop.startupError.${key}`, vars);
  const engineOnly = failure.kind === 'engine' || failure.kind === 'ffi';
  const windows = options.platform === 'win32';
  const steps: Record<StartupFailureKind, string[]> = {
    sqlite: [t('reinstall'), t('builtYourself'), t('dataSafe', { dir: options.dataDir })],
    engine: [...(windows ? [t('vcredist')] : []), t('reinstall'), t('builtYourself'), t('report')],
    ffi: [...(windows ? [t('vcredist')] : []), t('reinstall'), t('report')],
    databaseTooNew: [t('newerCaliper'), t('dataSafe', { dir: options.dataDir })],
    other: [t('reinstall'), t('report'), t('dataSafe', { dir: options.dataDir })],
  };
  const what = failure.kind === 'databaseTooNew' ? t('databaseTooNew', { version: failure.version ?? '?' }) : t(failure.kind);
  const title = engineOnly ? t('engineTitle') : t('title');
  return `<!doctype html>
<html lang="${options.language}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escape(title)}</title>
<style>
  body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif; margin: 32px; color: #1a1b1e; background: #fff; }
  @media (prefers-color-scheme: dark) { body { color: #e9ecef; background: #1a1b1e; } pre { background: #25262b; } }
  h1 { font-size: 22px; margin: 0 0 12px; }
  h2 { font-size: 16px; margin: 24px 0 8px; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f1f3f5; padding: 12px; border-radius: 6px; font-size: 12px; }
  .hint { color: #868e96; }
</style>
</head>
<body data-kind="${failure.kind}">
<main>
<h1>${escape(title)}</h1>
<p>${escape(what)}</p>
<h2>${escape(t('whatToDo'))}</h2>
<ol>${steps[failure.kind].map((s) => `<li>${escape(s)}</li>`).join('')}</ol>
<details><summary>${escape(t('details'))}</summary><pre>${escape(failure.detail)}</pre></details>
<p class="hint">${escape(engineOnly ? t('closeEngine') : t('close'))}</p>
</main>
</body>
</html>`;
}

/**
 * The engine's hardware probe failed (`system.gpu` → ENGINE_UNAVAILABLE): a page only when its
 * native code could not load, not for a probe that merely timed out or crashed once.
 */
export function engineLoadFailure(detail: string): StartupFailure | null {
  const failure = classifyStartupFailure(new Error(detail));
  if (failure.kind === 'engine' || failure.kind === 'ffi') return failure;
  if (/NoBinaryFound|No prebuilt binar|Failed to load a prebuilt binary/i.test(detail)) return { kind: 'engine', detail: detail.slice(0, 2000) };
  return null;
}
