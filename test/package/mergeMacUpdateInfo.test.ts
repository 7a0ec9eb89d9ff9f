import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { mergeMacUpdateInfo } from '../../scripts/package/mergeMacUpdateInfo';

const arm = `version: 0.2.0
files:
  - url: Caliper-0.2.0-mac-arm64.zip
    sha512: AAA
    size: 100
  - url: Caliper-0.2.0-mac-arm64.dmg
    sha512: BBB
    size: 110
path: Caliper-0.2.0-mac-arm64.zip
sha512: AAA
releaseDate: '2026-12-06T10:00:00.000Z'
`;
const x64 = arm.replaceAll('arm64', 'x64').replace('AAA', 'CCC').replace('AAA', 'CCC').replace('BBB', 'DDD');

describe("merging the macOS runners' update files", () => {
  it('lists both architectures and keeps the x64 download as the legacy path', () => {
    const merged = parse(mergeMacUpdateInfo([arm, x64])) as { files: Array<{ url: string }>; path: string; sha512: string; version: string };
    expect(merged.version).toBe('0.2.0');
    expect(merged.files.map((f) => f.url)).toEqual([
      'Caliper-0.2.0-mac-arm64.zip',
      'Caliper-0.2.0-mac-arm64.dmg',
      'Caliper-0.2.0-mac-x64.zip',
      'Caliper-0.2.0-mac-x64.dmg',
    ]);
    expect([merged.path, merged.sha512]).toEqual(['Caliper-0.2.0-mac-x64.zip', 'CCC']);
  });

  it('refuses files of different versions', () => {
    expect(() => mergeMacUpdateInfo([arm, x64.replace('version: 0.2.0', 'version: 0.1.9')])).toThrow(/versions differ/);
  });
});
