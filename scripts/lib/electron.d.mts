export function electronVersion(): string;
export function electronAbi(): number;
export function findElectronBinary(): { path: string; key?: undefined; vars?: undefined } | { path: null; key: string; vars: Record<string, string> };
