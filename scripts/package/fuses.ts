import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import type { Configuration } from 'electron-builder';

type FuseOptions = NonNullable<Configuration['electronFuses']>;

/**
 * Electron's fuses as Caliper ships them (electron-builder flips them in the packaged binary, before
 * signing). With RunAsNode off, `child_process.fork` of the app's own binary no longer starts Node:
 * every child process in the desktop app is a `utilityProcess` (src/main/electron/utilityLauncher.ts).
 */
export const requiredFuses = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  enableCookieEncryption: true,
  // The window loads app://caliper, never file://, so file pages need no extra privileges.
  grantFileProtocolExtraPrivileges: false,
} as const satisfies FuseOptions;

export type FuseName = keyof typeof requiredFuses;

/** Where each option sits in the fuse wire (@electron/fuses' numbering). */
const wireIndex: Record<FuseName, FuseV1Options> = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};

/** The wire's byte per fuse: ASCII '1' on, '0' off ('r' removed, 0x90 inherit). */
const ENABLED = 49;
const DISABLED = 48;

export interface FuseReading {
  fuse: FuseName;
  expected: boolean;
  /** What the binary says; `null` when the byte is neither on nor off (removed, missing). */
  actual: boolean | null;
}

/** Reads the fuse wire of a packaged Electron binary (a `.app` bundle, `.exe` or Linux executable). */
export async function readFuses(binary: string): Promise<FuseReading[]> {
  const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
  return (Object.keys(requiredFuses) as FuseName[]).map((fuse) => {
    const byte = wire[wireIndex[fuse] as number];
    return { fuse, expected: requiredFuses[fuse], actual: byte === ENABLED ? true : byte === DISABLED ? false : null };
  });
}

/**
 * The fuse wire of an Electron binary with Electron's own defaults, for the stand-in binary of
 * the layout test: the 32-byte sentinel, the wire version (1), its length, then one byte per fuse.
 */
export function defaultFuseWire(): Buffer {
  const defaults = [ENABLED, DISABLED, ENABLED, ENABLED, DISABLED, DISABLED, DISABLED, ENABLED];
  return Buffer.concat([Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX', 'latin1'), Buffer.from([1, defaults.length, ...defaults])]);
}
