import { Code, Group, ScrollArea, Tabs } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Section } from '../../../ui/Section/Section';
import { CopyTextButton } from '../CopyTextButton/CopyTextButton';
import { buildSnippets, snippetLanguages, type SnippetLanguage } from '../snippets';

interface ApiSnippetsProps {
  baseUrl: string;
  /** A real model name; null when the library has none; undefined while the list is asked. */
  model: string | null | undefined;
}

/** Copy-paste examples for curl and the openai packages, filled with this API's address and a model. */
export function ApiSnippets({ baseUrl, model }: ApiSnippetsProps) {
  const { t } = useTranslation();
  const [language, setLanguage] = useState<SnippetLanguage>('curl');
  const snippets = useMemo(() => buildSnippets(baseUrl, model ?? null), [baseUrl, model]);
  const hint = model ? t('api.snippets.hint', { model }) : model === null ? t('api.snippets.hintNoModel') : t('api.snippets.hintPlain');

  return (
    <Section
      title={t('api.snippets.title')}
      description={hint}
      testId="api-snippets"
    >
      <Tabs value={language} onChange={(v) => setLanguage((v as SnippetLanguage | null) ?? 'curl')}>
        <Tabs.List aria-label={t('api.snippets.tabsLabel')}>
          {snippetLanguages.map((lang) => (
            <Tabs.Tab key={lang} value={lang} data-testid={`api-snippet-tab-${lang}`}>
              {t(`api.snippets.${lang}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {snippetLanguages.map((lang) => (
          <Tabs.Panel key={lang} value={lang} pt="sm">
            <Group justify="flex-end" mb={4}>
              <CopyTextButton
                text={snippets[lang]}
                label={t('api.snippets.copy')}
                copiedLabel={t('api.snippets.copied')}
                ariaLabel={t('api.snippets.copyLabel', { language: t(`api.snippets.${lang}`) })}
                testId={`api-snippet-copy-${lang}`}
              />
            </Group>
            <ScrollArea type="auto">
              {/* A text child: the model name comes from a file name and stays characters on screen. */}
              <Code block fz="sm" data-testid="api-snippet" data-language={lang}>
                {snippets[lang]}
              </Code>
            </ScrollArea>
          </Tabs.Panel>
        ))}
      </Tabs>
    </Section>
  );
}
