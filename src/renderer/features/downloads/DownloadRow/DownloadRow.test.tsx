// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { cleanup, render, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Download } from '../../../../shared/contract';
import { useAppStore } from '../../../state/appStore';
import { i18n } from '../../../platform/i18n';
import type { CaliperClient } from '../../../platform/rpcClient';
import { DownloadRow } from './DownloadRow';

const base: Download = {
  id: 'd1',
  repoId: 'caliper-test/Tiny-Qwen2-GGUF',
  revision: 'abc',
  primaryPath: 'split/tiny-qwen2-F32-00001-of-00002.gguf',
  files: [
    { path: 'split/tiny-qwen2-F32-00001-of-00002.gguf', sizeBytes: 600_000, sha256: 'a', receivedBytes: 600_000, done: true },
    { path: 'split/tiny-qwen2-F32-00002-of-00002.gguf', sizeBytes: 400_000, sha256: 'b', receivedBytes: 100_000, done: false },
  ],
  state: 'downloading',
  totalBytes: 1_000_000,
  receivedBytes: 700_000,
  bytesPerSecond: 50_000,
  etaSeconds: 6,
  attempts: 0,
  retryAt: null,
  error: null,
  destination: '/m/caliper-test/Tiny-Qwen2-GGUF/split/tiny-qwen2-F32-00001-of-00002.gguf',
  quarantinedPath: null,
  createdAt: 0,
  finishedAt: null,
};

function renderRow(download: Download, language: 'en' | 'zh-CN' = 'en') {
  void i18n.changeLanguage(language);
  const { container } = render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <DownloadRow download={download} />
      </MantineProvider>
    </I18nextProvider>,
  );
  return within(container.querySelector<HTMLElement>('[data-testid="download-row"]')!);
}

const buttons = (row: ReturnType<typeof renderRow>) =>
  row.queryAllByRole('button').map((b) => b.getAttribute('data-testid')).concat(row.queryAllByRole('link').map((a) => a.getAttribute('data-testid')));

beforeAll(() => useAppStore.setState({ client: {} as CaliperClient }));
afterEach(cleanup);

describe('DownloadRow', () => {
  it('shows a split download moving: parts, bytes, speed, time left and the part being fetched', () => {
    const row = renderRow(base);
    expect(row.getByText('caliper-test/Tiny-Qwen2-GGUF · 2 parts')).toBeTruthy();
    expect(row.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('70');
    expect(row.getByTestId('download-progress').getAttribute('data-received')).toBe('700000');
    expect(row.getByTestId('download-bytes').textContent).toBe('700 kB of 1.0 MB');
    expect(row.getByTestId('download-speed').textContent).toBe('50.0 kB/s');
    expect(row.getByTestId('download-eta').textContent).toBe('6 s left');
    expect(row.getByText('part 2 of 2')).toBeTruthy();
    expect(buttons(row)).toEqual(['download-pause', 'download-cancel']);
  });

  it('counts down to the next attempt and says why', () => {
    const row = renderRow({ ...base, state: 'retrying', attempts: 2, retryAt: Date.now() + 4_200, error: { code: 'NETWORK', detail: 'x' } });
    expect(row.getByTestId('download-retry').textContent).toBe('The connection to the Hub was interrupted. Retrying in 5 s (attempt 3).');
  });

  it('explains a failed checksum with the quarantine path, in Chinese too, and offers Retry', () => {
    const failed: Download = {
      ...base,
      files: [{ ...base.files[0]!, done: false }],
      state: 'failed',
      error: { code: 'HASH_MISMATCH', detail: 'expected a, got b' },
      quarantinedPath: '/data/quarantine/d1-0-x.gguf',
    };
    let row = renderRow(failed);
    expect(row.getByTestId('download-error').textContent).toContain('It was moved aside to /data/quarantine/d1-0-x.gguf; nothing was added');
    expect(row.getByTestId('download-resume').textContent).toBe('Retry');
    expect(buttons(row)).toEqual(['download-resume', 'download-remove']);
    cleanup();
    row = renderRow(failed, 'zh-CN');
    expect(row.getByTestId('download-error').textContent).toContain('校验和不符');
    expect(row.getByTestId('download-state').textContent).toBe('失败');
  });

  it('mentions the quarantine for other verification failures that moved the file', () => {
    const row = renderRow({ ...base, state: 'failed', error: { code: 'NOT_A_GGUF', detail: 'BAD_MAGIC' }, quarantinedPath: '/q/f.gguf' });
    expect(row.getByTestId('download-error').textContent).toContain('not a usable GGUF model. The file was moved aside to /q/f.gguf');
  });

  it('offers the next steps for each state', () => {
    expect(buttons(renderRow({ ...base, state: 'paused' }))).toEqual(['download-resume', 'download-cancel']);
    cleanup();
    expect(buttons(renderRow({ ...base, state: 'done', receivedBytes: base.totalBytes }))).toEqual(['download-chat', 'download-remove', 'download-show']);
    cleanup();
    expect(buttons(renderRow({ ...base, state: 'cancelled' }))).toEqual(['download-remove']);
  });
});
