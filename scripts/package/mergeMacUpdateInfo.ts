import { parse, stringify } from 'yaml';

/**
 * electron-updater's `latest-mac.yml` lists every macOS download of a release. The arm64 and x64
 * apps are built on separate runners, each writing a file with only its own; the release gets one
 * file listing both (electron-updater picks the entry whose name matches the Mac's architecture).
 */
export interface UpdateInfo {
  version: string;
  files: Array<{ url: string; sha512: string; size: number; [key: string]: unknown }>;
  path?: string;
  sha512?: string;
  releaseDate?: string;
  [key: string]: unknown;
}

export function mergeMacUpdateInfo(texts: string[]): string {
  const infos = texts.map((text) => parse(text) as UpdateInfo);
  const [first] = infos;
  if (!first) throw new Error('nothing to merge');
  for (const info of infos) {
    if (info.version !== first.version) throw new Error(`versions differ: ${first.version} and ${info.version}`);
  }
  const files = new Map<string, UpdateInfo['files'][number]>();
  for (const info of infos) for (const file of info.files) files.set(file.url, file);
  // The legacy top-level `path` stays the x64 download, which older updaters expect.
  const legacy = infos.find((info) => !/arm64/.test(info.path ?? '')) ?? first;
  return stringify({ ...first, files: [...files.values()], path: legacy.path, sha512: legacy.sha512 });
}
