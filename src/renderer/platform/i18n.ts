import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resolveLanguage, resources, type Language } from '../../shared/i18n';
import type { LanguageSetting } from '../../shared/contract';

/** The renderer's one i18next instance; the locale files are bundled, so it is ready synchronously. */
export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: {
    en: { translation: resources.en },
    'zh-CN': { translation: resources['zh-CN'] },
  },
  lng: resolveLanguage('system', navigator.language),
  fallbackLng: 'en',
  supportedLngs: ['en', 'zh-CN'],
  load: 'currentOnly',
  interpolation: { escapeValue: false }, // React escapes; nothing here is parsed as HTML.
  initAsync: false,
});

/** Resolves a setting against the browser/OS locale ('system' follows `navigator.language`). */
export function effectiveLanguage(setting: LanguageSetting): Language {
  return resolveLanguage(setting, navigator.language);
}

/** Switches the UI language and the document's `lang` (screen readers, CJK font selection). */
export function applyLanguage(language: Language): void {
  if (i18n.language !== language) void i18n.changeLanguage(language);
  document.documentElement.lang = language;
}
