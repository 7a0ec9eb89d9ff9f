import type { ModelRef } from '../../../../shared/contract';
import { Alert, Button, Center, Drawer, EmptyState, Loader, Stack, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { memo, useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore, useClient } from '../../../state/appStore';
import { useEngineStore } from '../../../state/engineStore';
import { describeCallError } from '../../../platform/errors';
import { openConversation, routeHref, useRouteParam } from '../../../state/routes';
import { GetStarted } from '../../../ui/GetStarted/GetStarted';
import { Icon } from '../../../ui/Icon/Icon';
import { ChatHeader } from '../ChatHeader/ChatHeader';
import { useChatModels } from '../chatModels';
import { dismissProblem, useChatStore, conversationInfo, type ConversationInfo } from '../chatStore';
import { createConversation } from '../conversationActions';
import { watchConversations } from '../conversationList';
import { stopGeneration } from '../generation';
import { revealHighlight } from '../highlight';
import { loadConversation } from '../openConversations';
import { Composer } from '../Composer/Composer';
import { ConversationList } from '../ConversationList/ConversationList';
import { MessageList } from '../MessageList/MessageList';
import { LoadProblem, useComposerBlock } from '../ModelControl/ModelControl';
import { usePreferences } from '../preferencesStore';
import { useSearchStore } from '../searchStore';
import { SettingsPanel, PANEL_WIDTH } from '../SettingsPanel/SettingsPanel';
import { LIST_WIDTH } from '../ConversationList/ConversationList';
import classes from './ChatView.module.css';

/**
 * The message column never gets narrower than this: below it the conversation list moves into a
 * drawer (opened from the header), so a small window keeps a readable conversation.
 */
const MIN_MESSAGES_WIDTH = 480;

/** Chat: conversations on the left, the shown one in the middle, its settings on the right. */
export function ChatView() {
  const { t } = useTranslation();
  const client = useClient();
  const shownId = useRouteParam();
  const listLoaded = useChatStore((s) => s.pages.loaded);
  const conversation = useChatStore(useShallow((s) => conversationInfo(shownId ? s.open[shownId]?.conversation : undefined)));
  const openError = useChatStore((s) => (s.openError && s.openError.id === shownId ? s.openError.error : null));
  const connected = useAppStore((s) => s.connection === 'connected');
  // A blind battle's instances have no path: they are not offered for a new chat.
  const loadedPath = useEngineStore((s) => s.models?.find((m) => m.state === 'loaded' && m.path)?.path ?? null);
  const panelOpen = usePreferences((s) => s.panelOpen);
  const { ref, width } = useElementSize();
  const listInDrawer = width > 0 && width - LIST_WIDTH - (panelOpen && conversation ? PANEL_WIDTH : 0) < MIN_MESSAGES_WIDTH;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const focusRequest = useSearchStore((s) => s.focusRequest);
  // Opening a conversation closes the drawer it was picked from; "Search conversations" opens it.
  const [seen, setSeen] = useState({ shownId, focusRequest });
  if (seen.shownId !== shownId || seen.focusRequest !== focusRequest) {
    setSeen({ shownId, focusRequest });
    setDrawerOpen(seen.focusRequest !== focusRequest && listInDrawer);
  }

  // On opening the view, and again whenever the connection comes back: the list follows the
  // server's announcements for as long as the view is open.
  useEffect(() => {
    if (!connected) return;
    const following = new AbortController();
    void watchConversations(client, following.signal);
    return () => following.abort();
  }, [client, connected]);

  useEffect(() => {
    if (shownId && connected) void loadConversation(client, shownId);
  }, [client, shownId, connected]);

  // `#/chat` alone opens the most recent conversation.
  const firstId = useChatStore((s) => s.pages.items[0]?.id);
  useEffect(() => {
    if (!shownId && firstId) openConversation(firstId, { replace: true });
  }, [shownId, firstId]);

  const defaultModel: ModelRef | null = conversation?.model ?? (loadedPath ? { kind: 'local', path: loadedPath } : null);
  const showList = listInDrawer ? () => setDrawerOpen(true) : null;
  const list = <ConversationList shownId={shownId} defaultModel={defaultModel} />;

  return (
    <div className={classes.view} ref={ref} data-testid="chat-view" data-list={listInDrawer ? 'drawer' : 'inline'}>
      {listInDrawer ? (
        <Drawer
          opened={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={LIST_WIDTH + 8}
          title={t('chat.list.label')}
          closeButtonProps={{ 'aria-label': t('common.close') }}
          styles={{ content: { display: 'flex', flexDirection: 'column' }, body: { flex: 1, minHeight: 0, padding: 0 } }}
          data-testid="conversation-drawer"
        >
          {list}
        </Drawer>
      ) : (
        list
      )}
      <div className={classes.main}>
        {conversation ? (
          <ConversationPane conversation={conversation} onShowList={showList} />
        ) : openError ? (
          <Center h="100%" p="xl">
            <Alert color="red" variant="light" maw={480} data-testid="conversation-error" role="alert">
              <Text size="sm">{describeCallError(t, openError)}</Text>
              <Button mt="sm" size="xs" variant="default" component="a" href={routeHref('chat')}>
                {t('chat.backToList')}
              </Button>
            </Alert>
          </Center>
        ) : shownId || !listLoaded ? (
          <Center h="100%">
            <Loader aria-label={t('chat.loading')} />
          </Center>
        ) : (
          <NoConversation onNew={() => void createConversation(client, defaultModel)} />
        )}
      </div>
    </div>
  );
}

function NoConversation({ onNew }: { onNew: () => void }) {
  const { t } = useTranslation();
  const models = useChatModels();
  if (models !== null && models.length === 0) {
    // No model anywhere: the page has no conversation to title, so it says what it is for.
    return (
      <Stack p="lg" style={{ overflowY: 'auto', height: '100%' }}>
        <GetStarted order={1} title={t('chat.empty.noModelsTitle')} description={t('chat.empty.noModels')} testId="chat-empty" />
      </Stack>
    );
  }
  return (
    <Center h="100%" p="xl">
      <EmptyState withIndicatorBackground icon={<Icon name="chat" size={28} />} data-testid="chat-empty">
        <EmptyState.Title order={1}>{t('chat.empty.title')}</EmptyState.Title>
        <EmptyState.Description>{t('chat.empty.body')}</EmptyState.Description>
        <EmptyState.Actions>
          <Button onClick={onNew} leftSection={<Icon name="plus" size={16} />} data-testid="chat-empty-new">
            {t('chat.list.newChat')}
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </Center>
  );
}

const ConversationPane = memo(function ConversationPane({
  conversation,
  onShowList,
}: {
  conversation: ConversationInfo;
  onShowList: (() => void) | null;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const panelOpen = usePreferences((s) => s.panelOpen);
  const blocked = useComposerBlock(conversation);
  const generating = useChatStore((s) => !!s.generating[conversation.id]);
  const empty = useChatStore((s) => (s.open[conversation.id]?.conversation.leafId ?? null) === null);
  const problem = useChatStore((s) =>
    s.problem && (s.problem.conversationId === conversation.id || s.problem.conversationId === null) ? s.problem.error : null,
  );
  const highlight = useChatStore((s) => (s.highlight?.conversationId === conversation.id ? s.highlight : null));

  // A search hit far up the conversation or on another branch: load it and show its branch.
  useEffect(() => {
    if (highlight) void revealHighlight(client);
  }, [client, highlight]);

  // Esc stops the answer from anywhere in the conversation (dialogs handle their own Esc first).
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape' && generating && !event.defaultPrevented) {
      event.preventDefault();
      stopGeneration(conversation.id);
    }
  };

  return (
    <div className={classes.pane} onKeyDown={onKeyDown}>
      <div className={classes.column}>
        <ChatHeader conversation={conversation} onShowList={onShowList} />
        <LoadProblem conversation={conversation} />
        {empty ? (
          <Center style={{ flex: 1 }} p="xl">
            <Stack align="center" gap={4} maw={420} ta="center">
              <Text fw={500}>{t('chat.start.title')}</Text>
              <Text size="sm" c="dimmed">
                {blocked ? t(`chat.composer.blocked.${blocked}`) : t('chat.start.body')}
              </Text>
            </Stack>
          </Center>
        ) : (
          <MessageList key={conversation.id} conversationId={conversation.id} />
        )}
        {problem !== null && (
          <Alert
            mx="md"
            mb="xs"
            color="red"
            variant="light"
            withCloseButton
            onClose={dismissProblem}
            closeButtonLabel={t('common.close')}
            data-testid="chat-error"
            role="alert"
          >
            <Text size="sm">{describeCallError(t, problem)}</Text>
          </Alert>
        )}
        <Composer conversationId={conversation.id} blocked={blocked} />
      </div>
      {panelOpen && <SettingsPanel conversation={conversation} />}
    </div>
  );
});
