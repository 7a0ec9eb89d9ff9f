// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { ModelDetails as Details, ModelFile } from '../../../../shared/contract';
import { useAppStore } from '../../../state/appStore';
import { i18n } from '../../../platform/i18n';
import type { CaliperClient } from '../../../platform/rpcClient';
import { contextLabel } from '../KvCacheChart/contextLabel';
import { ModelDetails } from './ModelDetails';

const HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">{{ messages }}';

const details: Details = {
  path: '/m/model.gguf',
  chatTemplates: [{ name: null, text: HOSTILE, truncated: false }],
  tokenizer: {
    model: 'gpt2',
    pre: 'qwen2',
    vocabSize: 151_936,
    bos: { id: 151_643, text: '<|endoftext|>' },
    eos: { id: 151_645, text: '<|im_end|>' },
    pad: null,
    unknown: null,
    addBos: false,
    addEos: null,
  },
  license: {
    license: 'apache-2.0',
    licenseName: null,
    licenseLink: 'https://example.org/LICENSE',
    author: null,
    organization: 'Qwen',
    url: null,
    repoUrl: null,
    basename: 'Qwen3',
    sizeLabel: '0.6B',
    finetune: null,
    version: null,
  },
  metadata: [
    { key: 'general.architecture', value: 'qwen3', arrayLength: null, items: null, truncated: false },
    { key: 'tokenizer.ggml.tokens', value: null, arrayLength: 151_936, items: null, truncated: true },
  ],
  metadataCount: 2,
  kvCache: {
    contextSizes: [512, 1024, 2048, 4096],
    series: [
      { type: 'F16', bytes: [1, 2, 4, 8].map((n) => n * 16 * 1024 * 1024) },
      { type: 'Q8_0', bytes: [1, 2, 4, 8].map((n) => n * 8.5 * 1024 * 1024) },
      { type: 'Q4_0', bytes: [1, 2, 4, 8].map((n) => n * 4.5 * 1024 * 1024) },
    ],
    unsupported: [],
    slidingWindow: 1024,
  },
  kvCacheProblem: null,
};

const file = { id: 'x', path: details.path, sizeBytes: 1, modifiedAt: 0 } as ModelFile;

function renderDetails() {
  void i18n.changeLanguage('en');
  useAppStore.setState({ client: { library: { inspect: () => Promise.resolve(details) } } as unknown as CaliperClient });
  // The details are a query: a fresh cache per test, so no test sees another's answer.
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <I18nextProvider i18n={i18n}>
        <MantineProvider env="test">
          <ModelDetails file={file} />
        </MantineProvider>
      </I18nextProvider>
    </QueryClientProvider>,
  );
}

afterEach(() => {
  cleanup();
  useAppStore.setState({ client: null });
});

describe('ModelDetails', () => {
  it('shows a hostile chat template as inert text', async () => {
    renderDetails();
    const block = await screen.findByTestId('chat-template-text');
    expect(block.textContent).toBe(HOSTILE);
    expect(block.querySelector('script, img')).toBeNull();
    expect(document.querySelector('script, img')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('charts the KV cache as an accessible SVG with a line per type and a table of the numbers', async () => {
    renderDetails();
    const chart = await screen.findByTestId('kv-cache-chart');
    const svg = chart.querySelector('svg[role="img"]')!;
    const text = (attribute: string) => document.getElementById(svg.getAttribute(attribute)!)?.textContent;
    expect(text('aria-labelledby')).toBe('KV-cache memory by context length');
    expect(text('aria-describedby')).toBe('At 4,096 tokens: F16 128 MiB, Q8_0 68.0 MiB, Q4_0 36.0 MiB.');
    expect([...svg.querySelectorAll('[data-series]')].map((g) => g.getAttribute('data-series'))).toEqual(['F16', 'Q8_0', 'Q4_0']);
    expect(svg.querySelectorAll('polyline')).toHaveLength(3);
    const cells = [...chart.querySelectorAll('[data-testid="kv-cache-table"] tbody tr:last-child td')];
    expect(cells.map((c) => c.getAttribute('data-bytes'))).toEqual(details.kvCache!.series.map((s) => String(s.bytes[3])));
    expect(screen.getByTestId('kv-cache-swa').textContent).toContain('1,024 tokens');
  });

  it('lists the tokenizer with its special tokens and the license keys present', async () => {
    renderDetails();
    await waitFor(() => expect(screen.getByTestId('tokenizer')).toBeTruthy());
    const value = (name: string) => document.querySelector(`[data-detail="${name}"]`)?.textContent;
    expect(value('bos')).toContain('"<|endoftext|>" (#151643)');
    expect(value('pad')).toContain('—');
    expect(value('license')).toContain('apache-2.0');
    expect(value('organization')).toContain('Qwen');
    expect(document.querySelector('[data-detail="author"]')).toBeNull();
    expect(screen.getByTestId('metadata-list').textContent).toContain('151,936 items');
  });
});

describe("the KV chart's context axis", () => {
  it('labels contexts briefly', () => {
    expect(['512', '2K', '2.3K', '128K', '1M']).toEqual([512, 2048, 2304, 131_072, 1_048_576].map((n) => contextLabel(n, 'en')));
  });
});
