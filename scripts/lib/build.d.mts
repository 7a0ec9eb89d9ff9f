export const root: string;
export function isBuildCurrent(): boolean;
export function buildIfNeeded(options?: { quiet?: boolean }): boolean;
