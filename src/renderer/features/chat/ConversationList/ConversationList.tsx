import {
  ActionIcon,
  Alert,
  Button,
  CloseButton,
  Group,
  Highlight,
  Loader,
  Menu,
  ScrollArea,
  Stack,
  Text,
  TextInput,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useEffect, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation, SearchHit } from '../../../../shared/contract';
import { useClient } from '../../../platform/appStore';
import { describeCallError } from '../../../platform/errors';
import { chatHref } from '../../../platform/routes';
import { Icon } from '../../../ui/Icon/Icon';
import { useFormat } from '../../../ui/useFormat';
import {
  createConversation,
  deleteConversation,
  importConversation,
  openHit,
  searchConversations,
  updateConversation,
  useChatStore,
} from '../chatStore';
import { ConfirmDialog } from '../../../ui/ConfirmDialog/ConfirmDialog';
import { titleOf } from '../titleOf';
import classes from './ConversationList.module.css';

interface ConversationListProps {
  shownId: string | null;
  /** The model a new chat starts with (the shown conversation's, or a loaded one). */
  defaultModelPath: string | null;
}

/** New chat, import, full-text search, and the conversations: pinned first, then the most recent. */
export function ConversationList({ shownId, defaultModelPath }: ConversationListProps) {
  const { t } = useTranslation();
  const client = useClient();
  const list = useChatStore((s) => s.list);
  const listError = useChatStore((s) => s.listError);
  const [importProblem, setImportProblem] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  // A search starts empty whenever the view opens.
  const [draftQuery, setDraftQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => void searchConversations(client, draftQuery), 250);
    return () => clearTimeout(timer);
  }, [client, draftQuery]);

  const onImport = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    event.currentTarget.value = '';
    if (!file) return;
    setImportProblem(null);
    const outcome = await importConversation(client, file);
    if (!outcome.ok && outcome.tooLarge) setImportProblem(t('chat.list.importTooLarge'));
  };

  const pinned = list?.filter((c) => c.pinned) ?? [];
  const recent = list?.filter((c) => !c.pinned) ?? [];

  return (
    <Stack gap={0} className={classes.sidebar} component="nav" aria-label={t('chat.list.label')}>
      <Group gap="xs" p="sm" wrap="nowrap">
        <Button
          flex={1}
          leftSection={<Icon name="plus" size={16} />}
          onClick={() => void createConversation(client, defaultModelPath)}
          data-testid="new-chat"
        >
          {t('chat.list.newChat')}
        </Button>
        <Tooltip label={t('chat.list.import')}>
          <ActionIcon variant="default" size={36} onClick={() => fileInput.current?.click()} aria-label={t('chat.list.import')} data-testid="import-button">
            <Icon name="upload" size={16} />
          </ActionIcon>
        </Tooltip>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          onChange={(e) => void onImport(e)}
          data-testid="import-input"
          aria-label={t('chat.list.import')}
        />
      </Group>
      <TextInput
        px="sm"
        pb="xs"
        value={draftQuery}
        onChange={(e) => setDraftQuery(e.currentTarget.value)}
        onKeyDown={(e) => e.key === 'Escape' && setDraftQuery('')}
        placeholder={t('chat.list.searchPlaceholder')}
        aria-label={t('chat.list.search')}
        leftSection={<Icon name="search" size={14} />}
        rightSection={draftQuery ? <CloseButton size="sm" aria-label={t('chat.list.clearSearch')} onClick={() => setDraftQuery('')} /> : null}
        data-testid="conversation-search"
        type="search"
      />
      {importProblem && (
        <Alert mx="sm" mb="xs" color="red" variant="light" p="xs" withCloseButton onClose={() => setImportProblem(null)} closeButtonLabel={t('common.close')}>
          <Text size="xs">{importProblem}</Text>
        </Alert>
      )}
      <ScrollArea style={{ flex: 1 }} type="auto" offsetScrollbars>
        {draftQuery.trim() ? (
          <SearchResults />
        ) : (
          <Stack gap={2} px="xs" pb="sm">
            {listError !== null && list === null && (
              <Text size="xs" c="red" px="xs" role="alert">
                {describeCallError(t, listError)}
              </Text>
            )}
            {list === null && listError === null && <Loader size="xs" m="sm" aria-label={t('chat.list.loading')} />}
            {list?.length === 0 && (
              <Text size="sm" c="dimmed" px="xs" py="sm" data-testid="conversations-empty">
                {t('chat.list.empty')}
              </Text>
            )}
            {pinned.length > 0 && <GroupLabel>{t('chat.list.pinned')}</GroupLabel>}
            {pinned.map((c) => (
              <ConversationItem key={c.id} conversation={c} active={c.id === shownId} />
            ))}
            {pinned.length > 0 && recent.length > 0 && <GroupLabel>{t('chat.list.recent')}</GroupLabel>}
            {recent.map((c) => (
              <ConversationItem key={c.id} conversation={c} active={c.id === shownId} />
            ))}
          </Stack>
        )}
      </ScrollArea>
    </Stack>
  );
}

function GroupLabel({ children }: { children: string }) {
  return (
    <Text size="xs" fw={600} c="dimmed" px="xs" pt="sm" pb={2} tt="uppercase" component="h3" m={0}>
      {children}
    </Text>
  );
}

function ConversationItem({ conversation, active }: { conversation: Conversation; active: boolean }) {
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
          <Menu.Item color="red" leftSection={<Icon name="trash" size={14} />} onClick={() => setConfirming(true)} data-testid="delete-conversation">
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
}

function SearchResults() {
  const { t } = useTranslation();
  const { query, hits, error, busy } = useChatStore((s) => s.search);
  const words = query.trim().split(/\s+/).filter((w) => w.length > 1);
  return (
    <Stack gap={2} px="xs" pb="sm" data-testid="search-results" aria-busy={busy}>
      {busy && hits === null && <Loader size="xs" m="sm" aria-label={t('chat.list.searching')} />}
      {error !== null && (
        <Text size="xs" c="red" px="xs" role="alert">
          {describeCallError(t, error)}
        </Text>
      )}
      {hits?.length === 0 && (
        <Text size="sm" c="dimmed" px="xs" py="sm" data-testid="search-empty">
          {t('chat.list.noHits')}
        </Text>
      )}
      {hits && hits.length > 0 && (
        <Text size="xs" c="dimmed" px="xs" pt={4} role="status">
          {t('chat.list.hits', { count: hits.length })}
        </Text>
      )}
      {hits?.map((hit) => <SearchHitItem key={hit.messageId} hit={hit} words={words} />)}
    </Stack>
  );
}

function SearchHitItem({ hit, words }: { hit: SearchHit; words: string[] }) {
  const { t } = useTranslation();
  return (
    <UnstyledButton
      className={classes.hit}
      onClick={() => openHit(hit)}
      data-testid="search-hit"
      data-message-id={hit.messageId}
      data-conversation-id={hit.conversationId}
    >
      <Text size="sm" fw={500} truncate="end">
        {titleOf(t, hit.title)}
      </Text>
      <Text size="xs" c="dimmed" lineClamp={3}>
        <Text span size="xs" fw={600} c="dimmed">
          {hit.role === 'user' ? t('chat.message.user') : t('chat.message.assistant')}:{' '}
        </Text>
        <Highlight component="span" size="xs" highlight={words} inherit>
          {cleanSnippet(hit.snippet)}
        </Highlight>
      </Text>
    </UnstyledButton>
  );
}

/** The snippet as plain text: any match markers the index added are dropped (we highlight ourselves). */
function cleanSnippet(snippet: string): string {
  return snippet.replace(/[\u0000-\u0008\u000e-\u001f]/g, '').replace(/<\/?(b|mark|em)>/gi, '');
}
