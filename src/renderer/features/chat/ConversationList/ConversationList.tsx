import { ActionIcon, Alert, Button, CloseButton, Group, Loader, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Virtuoso } from 'react-virtuoso';
import type { Conversation, ModelRef } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { describeCallError } from '../../../platform/errors';
import { Icon } from '../../../ui/Icon/Icon';
import { useChatStore } from '../chatStore';
import { createConversation } from '../conversationActions';
import { loadMoreConversations } from '../conversationList';
import { importConversation } from '../conversationTransfer';
import { ConversationItem } from '../ConversationItem/ConversationItem';
import { search, useSearchStore } from '../searchStore';
import { SearchPanel } from '../SearchPanel/SearchPanel';
import classes from './ConversationList.module.css';

/** Kept in step with `.sidebar` in the stylesheet; the chat view plans its columns with it. */
export const LIST_WIDTH = 272;

interface ConversationListProps {
  shownId: string | null;
  /** The model a new chat starts with (the shown conversation's, or a loaded one). */
  /** The model a new conversation starts with. */
  defaultModel: ModelRef | null;
}

/**
 * New chat, import, full-text search, and the conversations: pinned first, then the most recent.
 * Virtualised and paged: only the rows on screen exist, and the next page loads near the end.
 */
export function ConversationList({ shownId, defaultModel }: ConversationListProps) {
  const { t } = useTranslation();
  const client = useClient();
  const [importProblem, setImportProblem] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  // A search starts empty whenever the view opens. Opening a hit changes the shown conversation,
  // which matters to the results only when they are narrowed to it.
  const [draftQuery, setDraftQuery] = useState('');
  const searchInput = useRef<HTMLInputElement>(null);
  const focusRequest = useSearchStore((s) => s.focusRequest);
  useEffect(() => {
    if (focusRequest > 0) searchInput.current?.focus();
  }, [focusRequest]);
  const hereId = useSearchStore((s) => (s.filters.here ? shownId : null));
  useEffect(() => {
    const timer = setTimeout(() => void search(client, draftQuery, hereId), 250);
    return () => clearTimeout(timer);
  }, [client, draftQuery, hereId]);

  const onImport = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    event.currentTarget.value = '';
    if (!file) return;
    setImportProblem(null);
    const outcome = await importConversation(client, file);
    if (!outcome.ok && outcome.tooLarge) setImportProblem(t('chat.list.importTooLarge'));
  };

  return (
    <Stack gap={0} className={classes.sidebar} component="nav" aria-label={t('chat.list.label')}>
      <Group gap="xs" p="sm" wrap="nowrap">
        <Button
          flex={1}
          leftSection={<Icon name="plus" size={16} />}
          onClick={() => void createConversation(client, defaultModel)}
          data-testid="new-chat"
        >
          {t('chat.list.newChat')}
        </Button>
        <Tooltip label={t('chat.list.import')}>
          <ActionIcon
            variant="default"
            size={36}
            onClick={() => fileInput.current?.click()}
            aria-label={t('chat.list.import')}
            data-testid="import-button"
          >
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
        ref={searchInput}
        px="sm"
        pb="xs"
        value={draftQuery}
        onChange={(e) => setDraftQuery(e.currentTarget.value)}
        onKeyDown={(e) => e.key === 'Escape' && setDraftQuery('')}
        placeholder={t('chat.list.searchPlaceholder')}
        aria-label={t('chat.list.search')}
        leftSection={<Icon name="search" size={14} />}
        rightSection={
          draftQuery ? <CloseButton size="sm" aria-label={t('chat.list.clearSearch')} onClick={() => setDraftQuery('')} /> : null
        }
        data-testid="conversation-search"
        type="search"
      />
      {importProblem && (
        <Alert
          mx="sm"
          mb="xs"
          color="red"
          variant="light"
          p="xs"
          withCloseButton
          onClose={() => setImportProblem(null)}
          closeButtonLabel={t('common.close')}
        >
          <Text size="xs">{importProblem}</Text>
        </Alert>
      )}
      {draftQuery.trim() ? (
        <SearchPanel shownId={shownId} onFiltersChanged={() => void search(client, draftQuery, shownId)} />
      ) : (
        <Conversations shownId={shownId} />
      )}
    </Stack>
  );
}

function Conversations({ shownId }: { shownId: string | null }) {
  const { t } = useTranslation();
  const client = useClient();
  const pages = useChatStore((s) => s.pages);
  const listError = useChatStore((s) => s.listError);
  const items = pages.items;
  const more = useCallback(() => void loadMoreConversations(client), [client]);

  const itemContent = useCallback(
    (index: number, c: Conversation) => {
      // Group labels sit inside the rows they start, so the list stays one flat virtual list.
      const label =
        index === 0 && c.pinned
          ? t('chat.list.pinned')
          : !c.pinned && (index === 0 ? false : items[index - 1]!.pinned)
            ? t('chat.list.recent')
            : null;
      return (
        <div className={classes.row}>
          {label && <GroupLabel>{label}</GroupLabel>}
          <ConversationItem conversation={c} active={c.id === shownId} />
        </div>
      );
    },
    [items, shownId, t],
  );

  if (!pages.loaded) {
    return listError !== null ? (
      <Text size="xs" c="red" px="md" role="alert">
        {describeCallError(t, listError)}
      </Text>
    ) : (
      <Loader size="xs" m="md" aria-label={t('chat.list.loading')} />
    );
  }
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed" px="md" py="sm" data-testid="conversations-empty">
        {t('chat.list.empty')}
      </Text>
    );
  }
  return (
    <div className={classes.scroller} data-testid="conversation-list" data-count={items.length} data-complete={pages.cursor === null}>
      <Virtuoso
        data={items}
        computeItemKey={(_, c) => c.id}
        itemContent={itemContent}
        endReached={more}
        increaseViewportBy={{ top: 200, bottom: 400 }}
        style={{ height: '100%' }}
        components={{ Footer: ListFooter }}
      />
    </div>
  );
}

function ListFooter() {
  const { t } = useTranslation();
  const loading = useChatStore((s) => s.listLoading);
  return loading ? <Loader size="xs" m="sm" aria-label={t('history.list.loadingMore')} /> : <div style={{ height: 8 }} />;
}

function GroupLabel({ children }: { children: string }) {
  return (
    <Text size="xs" fw={600} c="dimmed" px="xs" pt="sm" pb={2} tt="uppercase" component="h3" m={0}>
      {children}
    </Text>
  );
}
