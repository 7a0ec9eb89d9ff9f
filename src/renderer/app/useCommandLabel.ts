import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Command } from './commands';
import { i18n } from '../platform/i18n';

/** A command's label in the UI language (its variables are translation keys too). */
export function useCommandLabel(): (command: Command, language?: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (command: Command, language?: string) => {
      const tl = language ? i18n.getFixedT(language) : t;
      const vars = Object.fromEntries(Object.entries(command.labelVars ?? {}).map(([k, key]) => [k, tl(key)]));
      return tl(command.label, vars);
    },
    [t],
  );
}
