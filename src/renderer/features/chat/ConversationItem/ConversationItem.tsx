import { ActionIcon, Group, Menu, Text, TextInput } from '@mantine/core';
import { memo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { chatHref } from '../../../state/routes';
import { ConfirmDialog } from '../../../ui/ConfirmDialog/ConfirmDialog';
import { Icon } from '../../../ui/Icon/Icon';
import { useFormat } from '../../../ui/useFormat';
import { useChatStore } from '../chatStore';
import { deleteConversation } from '../conversationActions';
import { updateConversation } from '../conversationEdits';
import { titleOf } from '../titleOf';
import classes from './ConversationItem.module.css';

/** One row of the chat list: its title and last activity, rename, pin and delete. */
export const ConversationItem = memo(function ConversationItem({ conversation, active }: { conversation: Conversation; active: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useClient();
  const [renaming, setRenaming] = useState(false);
  const shownTitle = titleOf(t, conversation.title);
  const [title, setTitle] = useState(conversation.title);
  const [confirming, setConfirming] = useState(false);
  const generating = useChatStore((s) => !!s.generating[conversation.id]);

  const saveTitle = async () => {
    const next = title.trim();
    setRenaming(false);
    if (next && next !== conversation.title) await updateConversation(client, conversation.id, { title: next });
    else setTitle(conversation.title);
  };
  const onRenameKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') void saveTitle();
    else if (event.key === 'Escape') {
      setTitle(conversation.title);
      setRenaming(false);
    }
  };

  return (
    <Group
      gap={0}
      wrap="nowrap"
      className={classes.item}
      data-active={active || undefined}
      data-testid="conversation-item"
      data-id={conversation.id}
      data-pinned={conversation.pinned}
    >
      {renaming ? (
        <TextInput
          size="xs"
          flex={1}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          onKeyDown={onRenameKey}
          onBlur={() => void saveTitle()}
          aria-label={t('chat.list.renameLabel')}
          maxLength={200}
          autoFocus
          data-testid="rename-input"
        />
      ) : (
        <a href={chatHref(conversation.id)} className={classes.link} aria-current={active ? 'page' : undefined}>
          <Text size="sm" truncate="end" component="span" className={classes.title} data-testid="conversation-title">
            {shownTitle}
          </Text>
          <Text size="xs" c="dimmed" component="span">
            {generating ? t('chat.list.writing') : format.when(conversation.updatedAt)}
          </Text>
        </a>
      )}
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            className={classes.menuButton}
            aria-label={t('chat.list.actions', { title: shownTitle })}
            data-testid="conversation-menu"
          >
            <Icon name="dots" size={16} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<Icon name="edit" size={14} />} onClick={() => setRenaming(true)} data-testid="rename-conversation">
            {t('chat.list.rename')}
          </Menu.Item>
          <Menu.Item
            leftSection={<Icon name="pin" size={14} />}
            onClick={() => void updateConversation(client, conversation.id, { pinned: !conversation.pinned })}
            data-testid="pin-conversation"
          >
            {conversation.pinned ? t('chat.list.unpin') : t('chat.list.pin')}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item
            color="red"
            leftSection={<Icon name="trash" size={14} />}
            onClick={() => setConfirming(true)}
            data-testid="delete-conversation"
          >
            {t('chat.list.delete')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {confirming && (
        <ConfirmDialog
          opened
          title={t('chat.list.deleteTitle')}
          body={t('chat.list.deleteBody', { title: shownTitle })}
          confirmLabel={t('chat.list.delete')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void deleteConversation(client, conversation.id, active ? conversation.id : null);
          }}
        />
      )}
    </Group>
  );
});
