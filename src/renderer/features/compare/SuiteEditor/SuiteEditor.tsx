import { Button, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Suite } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { saveSuite } from '../suitesStore';

/** Prompts are written one per paragraph: an empty line separates two prompts. */
export function splitPrompts(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** Creates or edits a suite: a name and its prompts. */
export function SuiteEditor({ suite, onSaved }: { suite: Suite | null; onSaved: (suite: Suite) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [name, setName] = useState(suite?.name ?? '');
  const [text, setText] = useState(suite?.prompts.join('\n\n') ?? '');
  const prompts = splitPrompts(text);

  return (
    <Stack gap="xs" data-testid="suite-editor">
      <TextInput label={t('compare.suites.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="suite-name" />
      <Textarea
        label={t('compare.suites.prompts')}
        description={t('compare.suites.promptsHint', { count: prompts.length })}
        autosize
        minRows={5}
        maxRows={16}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        data-testid="suite-prompts"
      />
      <Group gap="xs">
        <Button
          disabled={!name.trim() || prompts.length === 0}
          onClick={() =>
            void saveSuite(client, { ...(suite ? { id: suite.id } : {}), name: name.trim(), prompts }).then((saved) => saved && onSaved(saved))
          }
          data-testid="suite-save"
        >
          {t('compare.suites.save')}
        </Button>
      </Group>
    </Stack>
  );
}
