export function electronVersion(): string;
export function findElectronBinary(): { path: string; reason?: undefined } | { path: null; reason: string };
