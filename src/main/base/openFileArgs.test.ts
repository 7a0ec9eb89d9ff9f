import { describe, expect, it } from 'vitest';
import { ggufPathsFromArgv } from './openFileArgs';

describe('files to open from a command line', () => {
  it('takes .gguf paths and file:// URLs, resolved against the working folder', () => {
    expect(
      ggufPathsFromArgv(['/opt/Caliper/caliper', '--no-sandbox', 'models/Qwen.GGUF', 'file:///home/me/My%20Models/x.gguf', '/tmp/a.gguf'], '/home/me'),
    ).toEqual(['/home/me/models/Qwen.GGUF', '/home/me/My Models/x.gguf', '/tmp/a.gguf']);
  });

  it('ignores the executable, switches, the app folder in development, other files and repeats', () => {
    expect(ggufPathsFromArgv(['electron', '.', '--inspect=0', 'notes.txt', '/m.gguf', '/m.gguf', '--flag=x.gguf'], '/w')).toEqual(['/m.gguf']);
    expect(ggufPathsFromArgv(['/x/a.gguf'], '/w')).toEqual([]);
  });
});
