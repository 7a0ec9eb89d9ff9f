// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../../platform/i18n';
import { ApiSnippets } from './ApiSnippets';

function renderSnippets(model: string | null | undefined) {
  void i18n.changeLanguage('en');
  return render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <ApiSnippets baseUrl="http://127.0.0.1:4751/v1" model={model} />
      </MantineProvider>
    </I18nextProvider>,
  );
}

afterEach(cleanup);

describe('ApiSnippets', () => {
  it('shows each language’s example as text, a name from a file included', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const { container } = renderSnippets(hostile);
    // Only the chosen tab's panel is visible (and so in the accessibility tree).
    const shown = () => within(screen.getByRole('tabpanel')).getByTestId('api-snippet');
    expect(shown().getAttribute('data-language')).toBe('curl');
    expect(shown().textContent).toContain('-H "Authorization: Bearer $CALIPER_API_KEY"');
    expect(shown().textContent).toContain(hostile);
    expect(container.querySelector('img')).toBeNull();

    fireEvent.click(screen.getByTestId('api-snippet-tab-python'));
    expect(shown().getAttribute('data-language')).toBe('python');
    expect(shown().textContent).toContain('os.environ["CALIPER_API_KEY"]');
    expect(screen.getByText(/The examples ask <img src=x onerror=alert\(1\)>/)).toBeTruthy();
  });

  it('says what to do when there is no model to name yet, and names none while the list is asked', () => {
    renderSnippets(null);
    expect(screen.getByText(/Add a model to your library/)).toBeTruthy();
    cleanup();
    renderSnippets(undefined);
    expect(screen.getByText('Set the environment variable CALIPER_API_KEY to one of your keys first.')).toBeTruthy();
  });
});
