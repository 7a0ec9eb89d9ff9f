import { ActionIcon, Box, Group, Text, Textarea, Tooltip } from '@mantine/core';
import { memo, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../../state/appStore';
import { Icon } from '../../../ui/Icon/Icon';
import { useChatStore } from '../chatStore';
import { sendMessage, stopGeneration } from '../generation';

/** Why the composer cannot send right now (null: it can). */
export type ComposerBlock = 'noModel' | 'notLoaded' | 'loading' | 'unavailable' | null;

interface ComposerProps {
  conversationId: string;
  blocked: ComposerBlock;
}

/** Multi-line input: Enter sends, Shift+Enter adds a line, Esc stops the answer being written. */
export const Composer = memo(function Composer({ conversationId, blocked }: ComposerProps) {
  const { t } = useTranslation();
  const client = useClient();
  const generating = useChatStore((s) => !!s.generating[conversationId]);
  // One draft per conversation, kept while switching between them.
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const draft = drafts[conversationId] ?? '';
  const input = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();
  const canSend = !blocked && !generating && draft.trim() !== '';

  useEffect(() => {
    if (!blocked) input.current?.focus();
  }, [conversationId, blocked]);

  const send = () => {
    if (!canSend) return;
    setDrafts((d) => ({ ...d, [conversationId]: '' }));
    void sendMessage(client, conversationId, draft);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    } else if (event.key === 'Escape' && generating) {
      event.preventDefault();
      stopGeneration(conversationId);
    }
  };

  const hint = blocked ? t(`chat.composer.blocked.${blocked}`) : generating ? t('chat.composer.stopHint') : t('chat.composer.hint');

  return (
    <Box px="md" pb="md" pt="xs" style={{ maxWidth: 892, width: '100%', margin: '0 auto' }}>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <Textarea
          ref={input}
          style={{ flex: 1 }}
          autosize
          minRows={1}
          maxRows={10}
          value={draft}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setDrafts((d) => ({ ...d, [conversationId]: value }));
          }}
          onKeyDown={onKeyDown}
          disabled={!!blocked}
          placeholder={blocked ? t(`chat.composer.blocked.${blocked}`) : t('chat.composer.placeholder')}
          aria-label={t('chat.composer.label')}
          aria-describedby={hintId}
          data-testid="composer"
          radius="lg"
        />
        {generating ? (
          <Tooltip label={t('chat.composer.stop')}>
            <ActionIcon
              size={36}
              radius="xl"
              color="red"
              variant="filled"
              onClick={() => stopGeneration(conversationId)}
              aria-label={t('chat.composer.stop')}
              data-testid="stop"
            >
              <Icon name="stop" size={18} />
            </ActionIcon>
          </Tooltip>
        ) : (
          <Tooltip label={t('chat.composer.send')}>
            <ActionIcon
              size={36}
              radius="xl"
              variant="filled"
              onClick={send}
              disabled={!canSend}
              aria-label={t('chat.composer.send')}
              data-testid="send"
            >
              <Icon name="send" size={18} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
      <Text id={hintId} size="xs" c="dimmed" mt={4} data-testid="composer-hint" data-blocked={blocked ?? undefined}>
        {hint}
      </Text>
    </Box>
  );
});
