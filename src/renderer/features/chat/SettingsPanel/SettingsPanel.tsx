import { Button, CloseButton, Divider, Group, NumberInput, ScrollArea, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localPath, SamplingSchema, type Sampling } from '../../../../shared/contract';
import { useModelName } from '../../../state/connections';
import { useClient } from '../../../state/appStore';
import { fileName, instanceFor, useEngineStore } from '../../../state/engineStore';
import { type ConversationInfo } from '../chatStore';
import { flushEdits, queueEdit } from '../conversationEdits';
import { ChatLoadSettings } from '../ChatLoadSettings/ChatLoadSettings';
import { useLoadAction } from '../ModelControl/ModelControl';
import { setPanelOpen } from '../preferencesStore';
import classes from './SettingsPanel.module.css';

/** Kept in step with `.panel` in the stylesheet; the chat view plans its columns with it. */
export const PANEL_WIDTH = 320;

const samplingDefaults: Sampling = SamplingSchema.parse({});

type NumericField = Exclude<keyof Sampling, 'seed'>;

interface FieldSpec {
  key: NumericField;
  min: number;
  max: number;
  step: number;
  decimals: number;
  testId: string;
}

const fields: FieldSpec[] = [
  { key: 'temperature', min: 0, max: 2, step: 0.05, decimals: 2, testId: 'sampling-temperature' },
  { key: 'topP', min: 0, max: 1, step: 0.01, decimals: 2, testId: 'sampling-top-p' },
  { key: 'topK', min: 0, max: 1000, step: 1, decimals: 0, testId: 'sampling-top-k' },
  { key: 'minP', min: 0, max: 1, step: 0.01, decimals: 2, testId: 'sampling-min-p' },
  { key: 'repeatPenalty', min: 1, max: 2, step: 0.05, decimals: 2, testId: 'sampling-repeat-penalty' },
  { key: 'maxTokens', min: 1, max: 32_768, step: 64, decimals: 0, testId: 'sampling-max-tokens' },
];

/**
 * The side panel: how the model is loaded, the system prompt and the sampling. Edits are saved a
 * moment after typing stops (and before the next message is sent).
 */
export function SettingsPanel({ conversation }: { conversation: ConversationInfo }) {
  const { t } = useTranslation();
  return (
    <aside className={classes.panel} aria-label={t('chat.panel.label')} data-testid="settings-panel">
      <Group justify="space-between" px="md" py="sm" wrap="nowrap">
        <Title order={2} size="h5">
          {t('chat.panel.title')}
        </Title>
        <CloseButton onClick={() => setPanelOpen(false)} aria-label={t('chat.panel.close')} />
      </Group>
      <Divider />
      <ScrollArea style={{ flex: 1 }} type="auto">
        <Stack gap="lg" p="md">
          <ModelSection conversation={conversation} />
          <Divider />
          <SystemPromptSection key={`prompt-${conversation.id}`} conversation={conversation} />
          <Divider />
          <SamplingSection key={`sampling-${conversation.id}`} conversation={conversation} />
        </Stack>
      </ScrollArea>
    </aside>
  );
}

function ModelSection({ conversation }: { conversation: ConversationInfo }) {
  const { t } = useTranslation();
  const modelName = useModelName();
  const path = localPath(conversation.model);
  const instance = useEngineStore((s) => instanceFor(s.models, path));
  const loading = useEngineStore((s) => (path ? !!s.loads[path]?.running : false));
  const load = useLoadAction(path);
  return (
    <section>
      <Title order={3} size="h6" mb={4}>
        {t('chat.panel.model')}
      </Title>
      {conversation.model?.kind === 'remote' ? (
        <Text size="sm" c="dimmed" data-testid="panel-remote-model">
          {t('remote.state.ready', { name: modelName(conversation.model) })}
        </Text>
      ) : !path ? (
        <Text size="sm" c="dimmed">
          {t('chat.panel.noModel')}
        </Text>
      ) : (
        <>
          <Text size="xs" c="dimmed" mb="sm" style={{ overflowWrap: 'anywhere' }}>
            {fileName(path)} · {instance ? t('chat.panel.appliesNextLoad') : t('chat.panel.appliesOnLoad')}
          </Text>
          <ChatLoadSettings path={path} />
          {!instance && (
            <Button mt="sm" size="xs" fullWidth onClick={load} loading={loading} data-testid="panel-load-model">
              {t('chat.model.load')}
            </Button>
          )}
        </>
      )}
    </section>
  );
}

function SystemPromptSection({ conversation }: { conversation: ConversationInfo }) {
  const { t } = useTranslation();
  const client = useClient();
  const [value, setValue] = useState(conversation.systemPrompt);
  return (
    <section>
      <Textarea
        label={t('chat.panel.systemPrompt')}
        description={t('chat.panel.systemPromptHint')}
        placeholder={t('chat.panel.systemPromptPlaceholder')}
        autosize
        minRows={3}
        maxRows={12}
        maxLength={20_000}
        value={value}
        onChange={(e) => {
          const next = e.currentTarget.value;
          setValue(next);
          queueEdit(client, conversation.id, { systemPrompt: next });
        }}
        onBlur={() => void flushEdits(conversation.id)}
        data-testid="system-prompt"
      />
    </section>
  );
}

function SamplingSection({ conversation }: { conversation: ConversationInfo }) {
  const { t } = useTranslation();
  const client = useClient();
  // Local text while typing, so "0." is not turned into 0 mid-keystroke.
  const [draft, setDraft] = useState<Sampling>(conversation.sampling);

  const save = (patch: Partial<Sampling>) => {
    setDraft((d) => ({ ...d, ...patch }));
    queueEdit(client, conversation.id, { sampling: patch });
  };

  return (
    <section>
      <Group justify="space-between" mb={4}>
        <Title order={3} size="h6">
          {t('chat.panel.sampling')}
        </Title>
        <Button size="compact-xs" variant="subtle" onClick={() => save(samplingDefaults)} data-testid="sampling-reset">
          {t('chat.panel.resetSampling')}
        </Button>
      </Group>
      <Stack gap="xs">
        {fields.map((field) => (
          <NumberInput
            key={field.key}
            size="xs"
            label={t(`chat.sampling.${field.key}`)}
            description={t(`chat.sampling.${field.key}Hint`)}
            min={field.min}
            max={field.max}
            step={field.step}
            decimalScale={field.decimals}
            clampBehavior="blur"
            value={draft[field.key]}
            onChange={(v) => {
              if (v === '' || typeof v !== 'number' || !Number.isFinite(v)) return;
              if (v < field.min || v > field.max) return;
              save({ [field.key]: v } as Partial<Sampling>);
            }}
            onBlur={() => void flushEdits(conversation.id)}
            data-testid={field.testId}
          />
        ))}
        <NumberInput
          size="xs"
          label={t('chat.sampling.seed')}
          description={t('chat.sampling.seedHint')}
          placeholder={t('chat.sampling.seedRandom')}
          min={0}
          max={2 ** 32 - 1}
          allowDecimal={false}
          allowNegative={false}
          value={draft.seed ?? ''}
          onChange={(v) => {
            if (v === '') save({ seed: null });
            else if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 2 ** 32 - 1) save({ seed: v });
          }}
          onBlur={() => void flushEdits(conversation.id)}
          data-testid="sampling-seed"
        />
      </Stack>
    </section>
  );
}
