export const headersUrl: () => string;
export const electronSqlitePath: () => string;
export function addonAbi(file: string): number | null;
export function installElectronBuild(built: string, target: string, expected: number): { ok: true } | { ok: false; found: number | null };
export function ensureElectronSqlite(t: (key: string, vars?: Record<string, string | number>) => string): { ok: true; path: string } | { ok: false; message: string };
