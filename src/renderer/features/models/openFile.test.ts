import { describe, expect, it } from 'vitest';
import { fileNameOf, folderOf } from './openFile';

describe('paths of opened files', () => {
  it('splits POSIX and Windows paths into folder and name', () => {
    expect(folderOf('/home/me/models/qwen.gguf')).toBe('/home/me/models');
    expect(folderOf('C:\\Users\\me\\models\\qwen.gguf')).toBe('C:\\Users\\me\\models');
    expect(folderOf('C:\\qwen.gguf')).toBe('C:\\');
    expect(folderOf('/qwen.gguf')).toBe('/');
    expect(fileNameOf('C:\\Users\\me\\models\\qwen.gguf')).toBe('qwen.gguf');
    expect(fileNameOf('/home/me/models/qwen.gguf')).toBe('qwen.gguf');
  });
});
