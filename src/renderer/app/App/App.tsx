import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect } from 'react';
import { I18nextProvider } from 'react-i18next';
import { useAppStore } from '../../state/appStore';
import { i18n } from '../../platform/i18n';
import { queryClient } from '../../state/query';
import { startSession } from '../../platform/session';
import { useSignInStore } from '../../platform/hostAuth';
import { SignInScreen } from '../SignInScreen/SignInScreen';
import { BootScreen } from '../BootScreen/BootScreen';
import { PreferenceSync } from '../PreferenceSync/PreferenceSync';
import { Shell } from '../Shell/Shell';
import { colorSchemeManager, cssVariablesResolver, theme } from '../theme';

export function App() {
  const ready = useAppStore((s) => s.settings !== null && s.systemInfo !== null);
  const signInRequired = useSignInStore((s) => s.state === 'required');

  useEffect(() => {
    const session = new AbortController();
    void startSession(session.signal);
    return () => session.abort();
  }, []);

  return (
    <QueryClientProvider client={queryClient}>
      <I18nextProvider i18n={i18n}>
        <MantineProvider
          theme={theme}
          colorSchemeManager={colorSchemeManager}
          cssVariablesResolver={cssVariablesResolver}
          defaultColorScheme="auto"
        >
          <PreferenceSync />
          {signInRequired ? <SignInScreen /> : ready ? <Shell /> : <BootScreen />}
        </MantineProvider>
      </I18nextProvider>
    </QueryClientProvider>
  );
}
