// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, type ApiStatus } from '../../../../../shared/contract';
import { useAppStore } from '../../../../state/appStore';
import { i18n } from '../../../../platform/i18n';
import type { CaliperClient } from '../../../../platform/rpcClient';
import { ServeControls } from './ServeControls';

const off: ApiStatus = { shell: 'electron', serving: false, baseUrl: null, error: null, hostTokenAccepted: false };

function renderControls(status: ApiStatus, enabled: boolean, language: 'en' | 'zh-CN' = 'en') {
  useAppStore.setState({ settings: { ...defaultSettings, apiEnabled: enabled, apiPort: 4751 } });
  void i18n.changeLanguage(language);
  render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <ServeControls status={status} />
      </MantineProvider>
    </I18nextProvider>,
  );
  return screen.getByTestId('api-serve-status');
}

beforeEach(() => useAppStore.setState({ client: {} as CaliperClient }));
afterEach(cleanup);

describe('ServeControls', () => {
  it('says nothing more while off, and the address while serving', () => {
    expect(renderControls(off, false).textContent).toBe('');
    expect((screen.getByTestId('api-enabled-switch') as HTMLInputElement).checked).toBe(false);
    cleanup();
    const serving = renderControls({ ...off, serving: true, baseUrl: 'http://127.0.0.1:4751/v1' }, true);
    expect(serving.getAttribute('data-state')).toBe('serving');
    expect(serving.textContent).toBe('Serving at http://127.0.0.1:4751/v1');
  });

  it('explains a port that could not be opened, and what to do, in both languages', () => {
    expect(renderControls({ ...off, error: 'PORT_IN_USE' }, true).textContent).toBe(
      'Port 4751 is already used by another program. Choose another port, or close that program.',
    );
    cleanup();
    expect(renderControls({ ...off, error: 'PORT_DENIED' }, true, 'zh-CN').textContent).toBe('这台电脑不允许 Caliper 监听端口 4751。请换一个端口。');
  });
});
