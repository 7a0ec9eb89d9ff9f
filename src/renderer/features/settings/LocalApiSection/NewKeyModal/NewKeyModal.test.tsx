// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../../platform/i18n';
import { NewKeyModal } from './NewKeyModal';

function renderModal(onDone: () => void, language: 'en' | 'zh-CN' = 'en') {
  void i18n.changeLanguage(language);
  return render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <NewKeyModal created={{ name: 'my editor', key: 'cal-secret' }} onDone={onDone} />
      </MantineProvider>
    </I18nextProvider>,
  );
}

afterEach(cleanup);

describe('NewKeyModal', () => {
  it('shows the key once with the warning, and closes only through "I saved it"', () => {
    const onDone = vi.fn();
    renderModal(onDone);
    expect(screen.getByTestId('api-new-key').textContent).toBe('cal-secret');
    expect(screen.getByText(/cannot show it again/)).toBeTruthy();
    expect(screen.getByText('The key “my editor”')).toBeTruthy();
    fireEvent.keyDown(screen.getByTestId('api-new-key-copy'), { key: 'Escape' });
    expect(onDone).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('api-new-key-done'));
    expect(onDone).toHaveBeenCalledOnce();
  });

  it('speaks Chinese', () => {
    renderModal(() => {}, 'zh-CN');
    expect(screen.getByTestId('api-new-key-done').textContent).toBe('我已保存');
  });
});
