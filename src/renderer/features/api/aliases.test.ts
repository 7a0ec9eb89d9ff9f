import { describe, expect, it } from 'vitest';
import type { ApiModel } from '../../../shared/contract';
import { aliasProblem, withAlias, withoutAlias } from './aliases';

const models: ApiModel[] = [
  { id: 'qwen2', path: '/m/qwen2.gguf', aliases: ['coder'], loaded: false, quantization: 'F32', architecture: 'qwen2' },
  { id: 'llama-gqa', path: '/m/llama-gqa.gguf', aliases: [], loaded: true, quantization: 'F32', architecture: 'llama' },
];

describe('aliases', () => {
  it('accepts a new name in the setting’s pattern', () => {
    expect(aliasProblem(models, 'my-model')).toBeNull();
    expect(aliasProblem(models, 'org/model:7b')).toBeNull();
  });

  it('refuses names outside the pattern', () => {
    for (const bad of ['', '-x', 'has space', 'a'.repeat(101), 'ünï']) expect(aliasProblem(models, bad)).toEqual({ kind: 'invalid' });
  });

  it('refuses a name a model already answers to, saying which', () => {
    expect(aliasProblem(models, 'llama-gqa')).toEqual({ kind: 'taken', model: 'llama-gqa' });
    expect(aliasProblem(models, 'coder')).toEqual({ kind: 'taken', model: 'qwen2' });
  });

  it('adds and removes without touching the other aliases', () => {
    const before = { coder: '/m/qwen2.gguf' };
    expect(withAlias(before, 'fast', '/m/llama-gqa.gguf')).toEqual({ coder: '/m/qwen2.gguf', fast: '/m/llama-gqa.gguf' });
    expect(withoutAlias({ ...before, fast: '/x' }, 'fast')).toEqual(before);
    expect(before).toEqual({ coder: '/m/qwen2.gguf' });
  });
});
