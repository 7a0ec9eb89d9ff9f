import { describe, expect, it } from 'vitest';
import type { ModelFile } from '../../../shared/contract';
import { foldSplitParts } from './splitParts';

const facts = { architecture: 'llama' } as ModelFile['facts'];
function file(path: string, sizeBytes: number, invalid = false): ModelFile {
  return {
    id: path,
    path,
    folder: '/m',
    relativePath: path.slice(3),
    sizeBytes,
    modifiedAt: 0,
    facts: invalid ? null : facts,
    problem: invalid ? { code: 'MISSING_ARCHITECTURE', detail: 'no general.architecture' } : null,
    sha256: null,
    displayName: null,
  };
}

describe('split GGUF parts', () => {
  it('lists a complete set once, as its first part with the size of all parts', () => {
    const out = foldSplitParts([
      file('/m/a/x-00002-of-00003.gguf', 20, true),
      file('/m/a/x-00001-of-00003.gguf', 10),
      file('/m/a/x-00003-of-00003.gguf', 30, true),
      file('/m/a/other.gguf', 5),
    ]);
    expect(out.map((f) => [f.path, f.sizeBytes, f.splitParts, f.problem])).toEqual([
      ['/m/a/x-00001-of-00003.gguf', 60, 3, null],
      ['/m/a/other.gguf', 5, undefined, null],
    ]);
  });

  it('says which parts are missing, and keeps orphaned later parts visible with their own reason', () => {
    const out = foldSplitParts([file('/m/x-00001-of-00003.gguf', 10), file('/m/x-00003-of-00003.gguf', 30, true), file('/m/y-00002-of-00002.gguf', 7, true)]);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ splitParts: 3, facts: null, problem: { code: 'SPLIT_PARTS_MISSING', detail: 'missing part 2 of 3' } });
    expect(out[1]).toMatchObject({ path: '/m/y-00002-of-00002.gguf', problem: { code: 'MISSING_ARCHITECTURE' } });
  });

  it('keeps sets in different folders apart', () => {
    const out = foldSplitParts([file('/m/a/x-00001-of-00002.gguf', 1), file('/m/b/x-00002-of-00002.gguf', 2, true)]);
    expect(out).toHaveLength(2);
    expect(out[0]!.problem?.code).toBe('SPLIT_PARTS_MISSING');
  });
});
