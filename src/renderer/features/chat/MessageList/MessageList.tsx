import { Box, Loader } from '@mantine/core';
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import { useShallow } from 'zustand/react/shallow';
import { useClient } from '../../../state/appStore';
import { useChatStore } from '../chatStore';
import { clearHighlight } from '../highlight';
import { hasOlder, loadOlderMessages } from '../openConversations';
import { MessageItem } from '../MessageItem/MessageItem';
import { pathToLeaf } from '../tree';

const EMPTY: string[] = [];
/** Virtuoso counts item indexes down from here as older messages are put above the first. */
const FIRST_INDEX = 10_000_000;

/**
 * Where the list's first item index goes when `path` replaces `previous`: down by the number of
 * messages that appeared above the old first one (older messages loaded), so the reader stays
 * where they were; unchanged for anything else (a new answer, another branch).
 */
export function nextFirstIndex(firstIndex: number, previous: readonly string[], path: readonly string[]): number {
  const oldFirst = previous[0];
  if (oldFirst === undefined) return firstIndex;
  const at = path.indexOf(oldFirst);
  return at > 0 ? firstIndex - at : firstIndex;
}

/**
 * The shown branch, virtualised: only the messages on screen are mounted. It opens at the end;
 * scrolling to the top loads the messages above. The list re-renders when the branch changes;
 * streamed text re-renders only the message it belongs to.
 */
export const MessageList = memo(function MessageList({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const path = useChatStore(
    useShallow((s) => {
      const data = s.open[conversationId];
      return data ? pathToLeaf(data.messages, data.conversation.leafId) : EMPTY;
    }),
  );
  const generating = useChatStore((s) => !!s.generating[conversationId]);
  const older = useChatStore((s) => hasOlder(s.open[conversationId]));
  // Derived from the previous render's path (React's "state from the previous render" pattern).
  const [firstIndex, setFirstIndex] = useState({ value: FIRST_INDEX, path: EMPTY as readonly string[] });
  if (firstIndex.path !== path) setFirstIndex({ value: nextFirstIndex(firstIndex.value, firstIndex.path, path), path });
  const highlight = useChatStore((s) => (s.highlight?.conversationId === conversationId ? s.highlight : null));
  const virtuoso = useRef<VirtuosoHandle>(null);
  /**
   * Whether to keep the newest text in view. Set when an answer starts or the reader reaches the
   * bottom; cleared only when the reader scrolls up themselves (growing content does not clear it).
   */
  const stick = useRef(true);

  const toBottom = useCallback(() => virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end' }), []);

  // A new answer starts, or a message is added to it: follow, even if the reader had scrolled up.
  useEffect(() => {
    if (!generating) return;
    stick.current = true;
    toBottom();
  }, [generating, path.length, toBottom]);

  // A search hit: scroll to it once it is on the shown branch, then let the mark fade. Until
  // then the hit holds the view: rows measured late (or the first layout reaching the end) would
  // otherwise move it away.
  const highlightIndex = highlight ? path.indexOf(highlight.messageId) : -1;
  const holding = useRef<number | null>(null);
  useEffect(() => {
    if (highlightIndex < 0) return;
    stick.current = false;
    holding.current = highlightIndex;
    virtuoso.current?.scrollToIndex({ index: highlightIndex, align: 'center' });
    const timer = setTimeout(() => {
      holding.current = null;
      clearHighlight();
    }, 3000);
    return () => {
      holding.current = null;
      clearTimeout(timer);
    };
  }, [highlightIndex, highlight?.nonce]);

  // The streaming answer grows in place (or the column narrowed and the text reflowed): keep the
  // end in view while the reader is following it.
  const onHeightChange = useCallback(() => {
    if (holding.current !== null) virtuoso.current?.scrollToIndex({ index: holding.current, align: 'center' });
    else if (stick.current) toBottom();
  }, [toBottom]);

  const onUserScroll = useCallback((event: { deltaY?: number; key?: string }) => {
    if ((event.deltaY ?? 0) < 0 || event.key === 'PageUp' || event.key === 'ArrowUp' || event.key === 'Home') stick.current = false;
  }, []);

  /** The list has shown its end once: before that, "at the top" is only the first layout pass. */
  const positioned = useRef(false);

  // At the top the reader is not following the end, however they got there (a scrollbar drag
  // sends no wheel event); the messages above load.
  const onTop = useCallback(() => {
    if (!positioned.current) return;
    stick.current = false;
    if (older) void loadOlderMessages(client, conversationId);
  }, [client, conversationId, older]);

  const itemContent = useCallback(
    (_: number, id: string) => <MessageItem conversationId={conversationId} messageId={id} />,
    [conversationId],
  );

  return (
    <Box
      style={{ flex: 1, minHeight: 0 }}
      onWheel={onUserScroll}
      onKeyDown={onUserScroll}
      onTouchMove={() => {
        stick.current = false;
      }}
      role="log"
      aria-label={t('chat.messagesLabel')}
      aria-busy={generating}
      data-testid="message-list"
    >
      <Virtuoso
        ref={virtuoso}
        data={path}
        firstItemIndex={firstIndex.value}
        startReached={onTop}
        computeItemKey={(_, id) => id}
        itemContent={itemContent}
        initialTopMostItemIndex={path.length > 0 ? { index: 'LAST', align: 'end' } : 0}
        followOutput={(bottom) => (bottom ? 'auto' : false)}
        atBottomStateChange={(bottom) => {
          if (!bottom) return;
          positioned.current = true;
          if (holding.current === null) stick.current = true;
        }}
        atBottomThreshold={48}
        totalListHeightChanged={onHeightChange}
        increaseViewportBy={{ top: 600, bottom: 300 }}
        style={{ height: '100%' }}
        components={{ Header: older ? OlderLoading : Spacer, Footer: Spacer }}
      />
    </Box>
  );
});

function Spacer() {
  return <div style={{ height: 16 }} />;
}

/** At the top while there is more above: scrolling here loads it. */
function OlderLoading() {
  const { t } = useTranslation();
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 12 }} data-testid="older-messages">
      <Loader size="xs" aria-label={t('history.messages.loadingOlder')} />
    </div>
  );
}
