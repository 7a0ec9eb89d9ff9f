import { Alert, Button, Group, Input, NativeSelect, SegmentedControl, Stack } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  LanguageSettingSchema,
  ThemeSchema,
  type LanguageSetting,
  type SettingsPatch,
  type Theme,
} from '../../../../shared/contract';
import type { Language } from '../../../../shared/i18n';
import { updateSettings, useSettings } from '../../../state/appStore';
import { describeCallError } from '../../../platform/errors';
import { effectiveLanguage } from '../../../platform/i18n';
import { openPalette, openShortcuts } from '../../../state/overlays';
import { Icon } from '../../../ui/Icon/Icon';
import { Section } from '../../../ui/Section/Section';

/** Language names are written in their own language, so anyone can find theirs. */
const languageNameKey: Record<Language, 'settings.languageNames.en' | 'settings.languageNames.zhCN'> = {
  en: 'settings.languageNames.en',
  'zh-CN': 'settings.languageNames.zhCN',
};

export function AppearanceSection() {
  const { t } = useTranslation();
  const settings = useSettings();
  const [error, setError] = useState<unknown>(null);
  const themeLabelId = useId();

  const save = async (patch: SettingsPatch) => {
    setError(null);
    try {
      await updateSettings(patch);
    } catch (e) {
      setError(e);
    }
  };

  const languageOptions = LanguageSettingSchema.options.map((value: LanguageSetting) => ({
    value,
    label:
      value === 'system'
        ? t('settings.appearance.languageSystem', { language: t(languageNameKey[effectiveLanguage('system')]) })
        : t(languageNameKey[value]),
  }));

  return (
    <Section title={t('settings.appearance.title')} testId="appearance-section">
      <Stack gap="md">
        <NativeSelect
          label={t('settings.appearance.language')}
          data={languageOptions}
          value={settings.language}
          onChange={(e) => void save({ language: LanguageSettingSchema.parse(e.currentTarget.value) })}
          maw={320}
          data-testid="language-select"
        />
        <Input.Wrapper label={t('settings.appearance.theme')} labelProps={{ id: themeLabelId, component: 'span' }}>
          <div>
            <SegmentedControl
              aria-labelledby={themeLabelId}
              value={settings.theme}
              onChange={(value) => void save({ theme: ThemeSchema.parse(value) })}
              data={ThemeSchema.options.map((value: Theme) => ({ value, label: t(`settings.appearance.themes.${value}`) }))}
              data-testid="theme-control"
            />
          </div>
        </Input.Wrapper>
        <Group gap="sm">
          <Button variant="default" leftSection={<Icon name="search" size={16} />} onClick={openPalette} data-testid="settings-open-palette">
            {t('shell.commands.palette')}
          </Button>
          <Button variant="default" onClick={openShortcuts} data-testid="settings-shortcuts">
            {t('shell.commands.shortcuts')}
          </Button>
        </Group>
        {error !== null && (
          <Alert color="red" variant="light" data-testid="settings-error">
            {describeCallError(t, error)}
          </Alert>
        )}
      </Stack>
    </Section>
  );
}
