import { useMantineColorScheme } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useAppStore } from '../../state/appStore';
import { applyLanguage, effectiveLanguage } from '../../platform/i18n';

/** Applies the language and theme settings to i18next, `<html lang>` and Mantine. Renders nothing. */
export function PreferenceSync() {
  const languageSetting = useAppStore((s) => s.settings?.language ?? 'system');
  const themeSetting = useAppStore((s) => s.settings?.theme);
  const { setColorScheme } = useMantineColorScheme();
  // Bumped when the OS/browser language changes, for the 'system' setting.
  const [localeEpoch, setLocaleEpoch] = useState(0);

  useEffect(() => {
    const onChange = () => setLocaleEpoch((n) => n + 1);
    window.addEventListener('languagechange', onChange);
    return () => window.removeEventListener('languagechange', onChange);
  }, []);

  useEffect(() => {
    applyLanguage(effectiveLanguage(languageSetting));
  }, [languageSetting, localeEpoch]);

  useEffect(() => {
    // 'auto' makes Mantine follow prefers-color-scheme live.
    if (themeSetting) setColorScheme(themeSetting === 'system' ? 'auto' : themeSetting);
  }, [themeSetting, setColorScheme]);

  return null;
}
