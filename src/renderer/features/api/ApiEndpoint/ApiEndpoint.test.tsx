// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings, type ApiStatus } from '../../../../shared/contract';
import { useAppStore } from '../../../state/appStore';
import { i18n } from '../../../platform/i18n';
import { ApiEndpoint } from './ApiEndpoint';

const desktopOff: ApiStatus = { shell: 'electron', serving: false, baseUrl: null, error: null, hostTokenAccepted: false };

function renderEndpoint(status: ApiStatus, settings: Partial<typeof defaultSettings> = {}) {
  useAppStore.setState({ settings: { ...defaultSettings, ...settings } });
  void i18n.changeLanguage('en');
  render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <ApiEndpoint status={status} />
      </MantineProvider>
    </I18nextProvider>,
  );
}

afterEach(cleanup);

describe('ApiEndpoint', () => {
  it('serving: the base URL to copy, and how programs authenticate', () => {
    renderEndpoint({ shell: 'headless', serving: true, baseUrl: 'http://127.0.0.1:4750/v1', error: null, hostTokenAccepted: true });
    expect(screen.getByTestId('api-serve-state').getAttribute('data-state')).toBe('serving');
    expect(screen.getByTestId('api-base-url').textContent).toBe('http://127.0.0.1:4750/v1');
    expect(screen.getByText(/or the token this host printed/)).toBeTruthy();
    expect(screen.queryByTestId('api-not-serving')).toBeNull();
  });

  it('off in the desktop app: says so and points to Settings', () => {
    renderEndpoint(desktopOff);
    expect(screen.getByTestId('api-serve-state').textContent).toBe('Off');
    expect(screen.getByTestId('api-not-serving').textContent).toContain('The API is off');
    expect(screen.getByTestId('api-open-settings').getAttribute('href')).toBe('#/settings');
    expect(screen.queryByTestId('api-base-url')).toBeNull();
  });

  it('a refused port: the reason with the port, and where to change it', () => {
    renderEndpoint({ ...desktopOff, error: 'PORT_IN_USE' }, { apiEnabled: true, apiPort: 5000 });
    expect(screen.getByTestId('api-serve-state').getAttribute('data-state')).toBe('unavailable');
    expect(screen.getByTestId('api-not-serving').textContent).toContain('Port 5000 is already used by another program.');
    expect(screen.getByTestId('api-open-settings')).toBeTruthy();
  });

  it('keyless calls allowed: says that only this computer may make them', () => {
    renderEndpoint({ ...desktopOff, serving: true, baseUrl: 'http://127.0.0.1:4751/v1' }, { apiEnabled: true, apiRequireKey: false });
    expect(screen.getByTestId('api-no-key-hint').textContent).toContain('Requests from other machines still need a key.');
  });
});
