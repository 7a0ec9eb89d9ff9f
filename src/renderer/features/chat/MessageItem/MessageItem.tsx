import { ActionIcon, Alert, Box, Button, Group, Text, Textarea, Tooltip } from '@mantine/core';
import { memo, useCallback, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { storedErrorText } from '../../../platform/errors';
import { useShallow } from 'zustand/react/shallow';
import type { Message } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { Icon, type IconName } from '../../../ui/Icon/Icon';
import { useCopy } from '../../../ui/useCopy';
import { useFormat } from '../../../ui/useFormat';
import { useChatStore } from '../chatStore';
import { continueAnswer, regenerate, sendMessage } from '../generation';
import { deleteMessage, selectBranch } from '../openConversations';
import { ConfirmDialog } from '../../../ui/ConfirmDialog/ConfirmDialog';
import { Markdown } from '../../../ui/Markdown/Markdown';
import { MessageStats } from '../MessageStats/MessageStats';
import { ThoughtSection } from '../../../ui/ThoughtSection/ThoughtSection';
import { branchPosition } from '../tree';
import classes from './MessageItem.module.css';

interface MessageItemProps {
  conversationId: string;
  messageId: string;
}

/**
 * One message of the shown branch. While an answer streams, only its content re-renders on each
 * frame: the header, notices, actions and branch arrows take primitive props that do not change.
 */
export const MessageItem = memo(function MessageItem({ conversationId, messageId }: MessageItemProps) {
  const message = useChatStore((s) => s.open[conversationId]?.messages[messageId]);
  const highlighted = useChatStore((s) => s.highlight?.messageId === messageId);
  const [editing, setEditing] = useState(false);
  const onEdit = useCallback(() => setEditing(true), []);
  if (!message) return null;
  const isUser = message.role === 'user';
  const streaming = message.status === 'streaming';
  return (
    <Box
      className={classes.message}
      data-role={message.role}
      data-status={message.status}
      data-id={message.id}
      data-highlighted={highlighted || undefined}
      data-testid="message"
      component="article"
    >
      {editing ? (
        <MessageEditor message={message} onDone={() => setEditing(false)} />
      ) : (
        <>
          <MessageMeta role={message.role} createdAt={message.createdAt} />
          <div className={isUser ? classes.userBubble : undefined}>
            {!isUser && message.reasoning !== '' && (
              <ThoughtSection reasoning={message.reasoning} thinking={streaming && message.content === ''} />
            )}
            <MessageContent
              role={message.role}
              content={message.content}
              streaming={streaming}
              waiting={streaming && message.content === '' && message.reasoning === ''}
            />
          </div>
          {!streaming && (
            <>
              <StatusNotice conversationId={conversationId} messageId={messageId} status={message.status} error={message.error} />
              <Group gap={6} mt={6} justify={isUser ? 'flex-end' : 'flex-start'} wrap="wrap">
                <BranchSwitcher conversationId={conversationId} messageId={messageId} parentId={message.parentId} />
                <MessageActions conversationId={conversationId} messageId={messageId} role={message.role} onEdit={onEdit} />
                {!isUser && message.stats && <MessageStats stats={message.stats} />}
              </Group>
            </>
          )}
        </>
      )}
    </Box>
  );
});

const MessageMeta = memo(function MessageMeta({ role, createdAt }: { role: Message['role']; createdAt: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Group gap="xs" mb={4} className={classes.meta}>
      <Text size="xs" fw={600} component="span">
        {role === 'user' ? t('chat.message.user') : t('chat.message.assistant')}
      </Text>
      <Text size="xs" c="dimmed" component="time" dateTime={new Date(createdAt).toISOString()}>
        {format.time(createdAt)}
      </Text>
    </Group>
  );
});

interface ContentProps {
  role: Message['role'];
  content: string;
  streaming: boolean;
  waiting: boolean;
}

function MessageContent({ role, content, streaming, waiting }: ContentProps) {
  const { t } = useTranslation();
  if (waiting) {
    return (
      <Text size="sm" c="dimmed" className={classes.waiting} role="status">
        {t('chat.message.waiting')}
      </Text>
    );
  }
  return (
    <div data-testid="message-content" className={streaming ? classes.streaming : undefined}>
      {role === 'user' ? <Text className={classes.plain}>{content}</Text> : <Markdown text={content} streaming={streaming} />}
    </div>
  );
}

interface StatusNoticeProps {
  conversationId: string;
  messageId: string;
  status: Message['status'];
  error: Message['error'];
}

const StatusNotice = memo(function StatusNotice({ conversationId, messageId, status, error }: StatusNoticeProps) {
  const { t } = useTranslation();
  const client = useClient();
  const busy = useChatStore((s) => !!s.generating[conversationId]);
  if (status === 'error') {
    return (
      <Alert color="red" variant="light" mt="xs" p="xs" data-testid="message-error" role="alert">
        <Text size="sm">{storedErrorText(t, error)}</Text>
      </Alert>
    );
  }
  if (status !== 'interrupted' && status !== 'stopped') return null;
  return (
    <Group gap="xs" mt="xs" data-testid="message-notice" data-status={status}>
      <Text size="xs" c="dimmed">
        {status === 'interrupted' ? t('chat.message.interrupted') : t('chat.message.stopped')}
      </Text>
      <Button
        size="compact-xs"
        variant="light"
        leftSection={<Icon name="play" size={12} />}
        disabled={busy}
        onClick={() => void continueAnswer(client, conversationId, messageId)}
        data-testid="continue"
      >
        {t('chat.message.continue')}
      </Button>
    </Group>
  );
});

interface BranchSwitcherProps {
  conversationId: string;
  messageId: string;
  parentId: string | null;
}

const BranchSwitcher = memo(function BranchSwitcher({ conversationId, messageId, parentId }: BranchSwitcherProps) {
  const { t } = useTranslation();
  const client = useClient();
  const position = useChatStore(
    useShallow((s) => {
      const messages = s.open[conversationId]?.messages;
      return messages ? branchPosition(messages, { id: messageId, parentId }) : null;
    }),
  );
  const busy = useChatStore((s) => !!s.generating[conversationId]);
  if (!position || position.count < 2) return null;
  const go = (id: string | null) => id && void selectBranch(client, conversationId, id);
  return (
    <Group gap={0} wrap="nowrap" role="group" aria-label={t('chat.branch.label')}>
      <ActionIcon
        variant="subtle"
        size="sm"
        color="gray"
        disabled={!position.previousId || busy}
        onClick={() => go(position.previousId)}
        aria-label={t('chat.branch.previous')}
        data-testid="branch-prev"
      >
        <Icon name="chevronLeft" size={14} />
      </ActionIcon>
      <Text size="xs" c="dimmed" data-testid="branch-indicator" aria-live="polite" miw={28} ta="center">
        {position.index}/{position.count}
      </Text>
      <ActionIcon
        variant="subtle"
        size="sm"
        color="gray"
        disabled={!position.nextId || busy}
        onClick={() => go(position.nextId)}
        aria-label={t('chat.branch.next')}
        data-testid="branch-next"
      >
        <Icon name="chevronRight" size={14} />
      </ActionIcon>
    </Group>
  );
});

function Action({
  icon,
  label,
  onClick,
  disabled,
  testId,
}: {
  icon: IconName;
  label: string;
  onClick: () => void;
  disabled?: boolean;
  testId: string;
}) {
  return (
    <Tooltip label={label} openDelay={400}>
      <ActionIcon variant="subtle" color="gray" size="sm" onClick={onClick} disabled={disabled} aria-label={label} data-testid={testId}>
        <Icon name={icon} size={15} />
      </ActionIcon>
    </Tooltip>
  );
}

interface MessageActionsProps {
  conversationId: string;
  messageId: string;
  role: Message['role'];
  onEdit: () => void;
}

const MessageActions = memo(function MessageActions({ conversationId, messageId, role, onEdit }: MessageActionsProps) {
  const { t } = useTranslation();
  const client = useClient();
  const { copied, copy } = useCopy();
  const busy = useChatStore((s) => !!s.generating[conversationId]);
  const [confirming, setConfirming] = useState(false);
  const isUser = role === 'user';
  // Read at click time: the actions need not re-render when the text changes.
  const content = () => useChatStore.getState().open[conversationId]?.messages[messageId]?.content ?? '';
  return (
    <Group gap={2} wrap="nowrap" className={classes.actions}>
      <Action
        icon={copied ? 'check' : 'copy'}
        label={copied ? t('chat.message.copied') : t('chat.message.copy')}
        onClick={() => copy(content())}
        testId="copy-message"
      />
      {isUser ? (
        <Action icon="edit" label={t('chat.message.edit')} onClick={onEdit} disabled={busy} testId="edit-message" />
      ) : (
        <Action
          icon="refresh"
          label={t('chat.message.regenerate')}
          onClick={() => void regenerate(client, conversationId, messageId)}
          disabled={busy}
          testId="regenerate"
        />
      )}
      <Action icon="trash" label={t('chat.message.delete')} onClick={() => setConfirming(true)} disabled={busy} testId="delete-message" />
      {confirming && (
        <ConfirmDialog
          opened
          title={t('chat.message.deleteTitle')}
          body={t('chat.message.deleteBody')}
          confirmLabel={t('chat.message.deleteConfirm')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void deleteMessage(client, conversationId, messageId);
          }}
        />
      )}
    </Group>
  );
});

/** Edit & resend: the new text goes under the same parent, so the old branch stays reachable. */
function MessageEditor({ message, onDone }: { message: Message; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [draft, setDraft] = useState(message.content);
  const busy = useChatStore((s) => !!s.generating[message.conversationId]);
  const canSend = draft.trim() !== '' && !busy;
  const submit = () => {
    if (!canSend) return;
    onDone();
    void sendMessage(client, message.conversationId, draft, message.parentId);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onDone();
    }
  };
  return (
    <Box>
      <Textarea
        autosize
        minRows={2}
        maxRows={14}
        value={draft}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        aria-label={t('chat.edit.label')}
        data-testid="edit-input"
        data-autofocus
        autoFocus
      />
      <Group gap="xs" mt="xs" justify="flex-end">
        <Text size="xs" c="dimmed" mr="auto">
          {t('chat.edit.hint')}
        </Text>
        <Button variant="default" size="xs" onClick={onDone} data-testid="edit-cancel">
          {t('common.cancel')}
        </Button>
        <Button size="xs" onClick={submit} disabled={!canSend} data-testid="edit-send">
          {t('chat.edit.send')}
        </Button>
      </Group>
    </Box>
  );
}
