// @vitest-environment happy-dom
import { MantineProvider, Table } from '@mantine/core';
import { cleanup, render, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiLogEntry } from '../../../../shared/contract';
import { i18n } from '../../../platform/i18n';
import { ApiLogRow } from './ApiLogRow';

const done: ApiLogEntry = {
  id: 7,
  at: Date.now(),
  client: '127.0.0.1 · OpenAI/Python 1.0',
  keyName: 'my script',
  endpoint: 'POST /v1/chat/completions',
  model: 'qwen2',
  stream: true,
  status: 200,
  errorCode: null,
  promptTokens: 1234,
  completionTokens: 56,
  ttftMs: 312.4,
  tokensPerSecond: 14.25,
  durationMs: 4210,
};

function renderRow(entry: ApiLogEntry, language: 'en' | 'zh-CN' = 'en') {
  void i18n.changeLanguage(language);
  const { container } = render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <Table>
          <Table.Tbody>
            <ApiLogRow entry={entry} />
          </Table.Tbody>
        </Table>
      </MantineProvider>
    </I18nextProvider>,
  );
  return within(container.querySelector<HTMLElement>('[data-testid="api-log-row"]')!);
}

const cells = (row: ReturnType<typeof renderRow>) => row.getAllByRole('cell').map((c) => c.textContent);

afterEach(cleanup);

describe('ApiLogRow', () => {
  it('shows a finished streamed answer with units', () => {
    const row = renderRow(done);
    expect(cells(row).slice(1)).toEqual([
      '127.0.0.1 · OpenAI/Python 1.0',
      'my script',
      'POST /v1/chat/completionsstream',
      'qwen2',
      '200',
      '1,234 / 56',
      '312 ms',
      '14.3 tok/s',
      '4.21 s',
    ]);
  });

  it('names the host token and keyless requests, and shows a refusal with its code', () => {
    expect(renderRow({ ...done, keyName: '@host' }).getByTestId('api-log-key').textContent).toBe('host token');
    cleanup();
    const refused = renderRow({
      ...done,
      keyName: null,
      stream: false,
      model: null,
      status: 401,
      errorCode: 'invalid_api_key',
      promptTokens: null,
      completionTokens: null,
      ttftMs: null,
      tokensPerSecond: null,
      durationMs: 2,
    });
    expect(cells(refused).slice(2)).toEqual(['no key', 'POST /v1/chat/completions', '—', '401invalid_api_key', '—', '—', '—', '2 ms']);
    cleanup();
    expect(renderRow({ ...done, keyName: null }, 'zh-CN').getByTestId('api-log-key').textContent).toBe('无密钥');
  });
});
