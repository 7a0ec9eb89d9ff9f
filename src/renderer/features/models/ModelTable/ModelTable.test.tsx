// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ModelFile } from '../../../../shared/contract';
import { i18n } from '../../../platform/i18n';
import { findDuplicates } from '../duplicates';
import { filterFiles } from '../filterFiles';
import { ModelTable } from './ModelTable';

const moe: ModelFile = {
  id: 'a',
  path: '/m/mixtral-moe.gguf',
  folder: '/m',
  relativePath: 'mixtral-moe.gguf',
  sizeBytes: 1_053_952,
  modifiedAt: 0,
  problem: null,
  sha256: null,
  displayName: null,
  facts: {
    ggufVersion: 3,
    architecture: 'llama',
    name: 'Tiny MoE',
    parameterCount: 7_241_732_096,
    fileType: 'Q4_K_M',
    contextLength: 2560,
    embeddingLength: 64,
    blockCount: 2,
    feedForwardLength: 128,
    headCount: 4,
    headCountKv: 2,
    expertCount: 4,
    expertUsedCount: 2,
    slidingWindow: null,
    vocabSize: 32,
    tensorCount: 20,
    hasChatTemplate: false,
    kind: 'model',
  },
};

const broken: ModelFile = {
  id: 'b',
  path: '/m/sub/bad.gguf',
  folder: '/m',
  relativePath: 'sub/bad.gguf',
  sizeBytes: 8,
  modifiedAt: 0,
  facts: null,
  problem: { code: 'TRUNCATED', detail: 'needs 8 bytes at offset 8' },
  sha256: null,
  displayName: null,
};

function renderTable(language: 'en' | 'zh-CN', onOpen = vi.fn(), files: ModelFile[] = [moe, broken]) {
  void i18n.changeLanguage(language);
  render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <ModelTable files={files} duplicates={findDuplicates(files)} onOpen={onOpen} />
      </MantineProvider>
    </I18nextProvider>,
  );
  return onOpen;
}

const fact = (row: Element, name: string) => row.querySelector(`[data-fact="${name}"]`);

afterEach(cleanup);

describe('ModelTable test hooks', () => {
  it('shows every fact of a valid file, formatted, with the exact value alongside', () => {
    renderTable('en');
    const row = document.querySelector('[data-testid="model-row"][data-path="mixtral-moe.gguf"]')!;
    expect(row.getAttribute('data-invalid')).toBe('false');
    expect(fact(row, 'parameters')?.textContent).toBe('7.2 B');
    expect(fact(row, 'parameters')?.getAttribute('data-value')).toBe('7241732096');
    expect(fact(row, 'size')?.textContent).toBe('1.1 MB');
    expect(fact(row, 'fileType')?.textContent).toBe('Q4_K_M');
    expect(fact(row, 'contextLength')?.textContent).toBe('2560');
    expect(fact(row, 'headCountKv')?.textContent).toBe('2');
    expect(fact(row, 'expertUsedCount')?.textContent).toBe('2');
    expect(fact(row, 'expertCount')?.textContent).toBe('4');
    expect(fact(row, 'slidingWindow')?.textContent).toBe('—');
    expect(fact(row, 'kind')?.textContent).toBe('Model');
    expect(row.querySelector('[data-testid="badge-gqa"]')).not.toBeNull();
    expect(row.querySelector('[data-testid="badge-moe"]')).not.toBeNull();
  });

  it('marks an unreadable file invalid with the translated reason and the raw detail', () => {
    renderTable('zh-CN');
    const row = document.querySelector('[data-testid="model-row"][data-path="sub/bad.gguf"]')!;
    expect(row.getAttribute('data-invalid')).toBe('true');
    const reason = row.querySelector('[data-testid="problem-reason"]')!;
    expect(reason.textContent).toContain('文件提前结束');
    expect(reason.textContent).toContain('needs 8 bytes at offset 8');
    expect(fact(row, 'kind')).toBeNull();
    // The valid row beside it is translated too.
    expect(screen.getByRole('columnheader', { name: '量化' })).toBeTruthy();
    expect(document.querySelector('[data-path="mixtral-moe.gguf"] [data-fact="kind"]')?.textContent).toBe('模型');
  });

  it('opens a row by click and by Enter', () => {
    const onOpen = renderTable('en');
    const row = document.querySelector<HTMLElement>('[data-path="mixtral-moe.gguf"]')!;
    fireEvent.click(row);
    fireEvent.keyDown(row, { key: 'Enter' });
    expect(onOpen).toHaveBeenCalledTimes(2);
    expect(onOpen).toHaveBeenLastCalledWith(moe);
  });
});

describe('duplicates and model names', () => {
  const sha = 'a'.repeat(64);
  const first: ModelFile = { ...moe, sha256: sha };
  const copy: ModelFile = { ...moe, id: 'c', path: '/other/copy.gguf', folder: '/other', relativePath: 'copy.gguf', sha256: sha };
  const blob: ModelFile = {
    ...moe,
    id: 'o',
    path: '/ollama/blobs/sha256-b',
    folder: '/ollama',
    relativePath: 'blobs/sha256-b',
    displayName: 'tiny:latest',
    sha256: 'b'.repeat(64),
  };

  it('flags files with the same SHA-256 as duplicates of each other, and shows Ollama model names', () => {
    renderTable('en', vi.fn(), [first, copy, blob]);
    const badge = (path: string) => document.querySelector(`[data-path="${path}"] [data-testid="badge-duplicate"]`);
    expect(badge('mixtral-moe.gguf')?.textContent).toBe('Duplicate of copy.gguf');
    expect(badge('copy.gguf')?.textContent).toBe('Duplicate of mixtral-moe.gguf');
    expect(badge('blobs/sha256-b')).toBeNull();
    expect(document.querySelector('[data-path="blobs/sha256-b"] [data-testid="model-file"]')?.textContent).toBe('tiny:latest');
  });

  it('filters to duplicates only, and finds Ollama models by name', () => {
    const files = [first, copy, blob, broken];
    const duplicates = findDuplicates(files);
    const ids = (list: ModelFile[]) => list.map((f) => f.id);
    expect(ids(filterFiles(files, { query: '', hideInvalid: false, duplicatesOnly: true }, duplicates))).toEqual(['a', 'c']);
    expect(ids(filterFiles(files, { query: 'tiny:lat', hideInvalid: false }, duplicates))).toEqual(['o']);
  });
});
