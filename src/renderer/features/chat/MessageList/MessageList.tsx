import { Box } from '@mantine/core';
import { memo, useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import { useShallow } from 'zustand/react/shallow';
import { clearHighlight, useChatStore } from '../chatStore';
import { MessageItem } from '../MessageItem/MessageItem';
import { pathToLeaf } from '../tree';

const EMPTY: string[] = [];

/**
 * The shown branch, virtualised: only the messages on screen are mounted. The list re-renders
 * when the branch changes; streamed text re-renders only the message it belongs to.
 */
export const MessageList = memo(function MessageList({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const path = useChatStore(
    useShallow((s) => {
      const data = s.open[conversationId];
      return data ? pathToLeaf(data.messages, data.conversation.leafId) : EMPTY;
    }),
  );
  const generating = useChatStore((s) => !!s.generating[conversationId]);
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

  // A search hit: scroll to it once it is on the shown branch, then let the mark fade.
  const highlightIndex = highlight ? path.indexOf(highlight.messageId) : -1;
  useEffect(() => {
    if (highlightIndex < 0) return;
    stick.current = false;
    virtuoso.current?.scrollToIndex({ index: highlightIndex, align: 'center' });
    const timer = setTimeout(clearHighlight, 3000);
    return () => clearTimeout(timer);
  }, [highlightIndex, highlight?.nonce]);

  // The streaming answer grows in place (or the column narrowed and the text reflowed): keep the
  // end in view while the reader is following it.
  const onHeightChange = useCallback(() => {
    if (stick.current) toBottom();
  }, [toBottom]);

  const onUserScroll = useCallback((event: { deltaY?: number; key?: string }) => {
    if ((event.deltaY ?? 0) < 0 || event.key === 'PageUp' || event.key === 'ArrowUp' || event.key === 'Home') stick.current = false;
  }, []);

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
      role="log" aria-label={t('chat.messagesLabel')} aria-busy={generating} data-testid="message-list">
      <Virtuoso
        ref={virtuoso}
        data={path}
        computeItemKey={(_, id) => id}
        itemContent={itemContent}
        initialTopMostItemIndex={path.length > 0 ? { index: 'LAST', align: 'end' } : 0}
        followOutput={(bottom) => (bottom ? 'auto' : false)}
        atBottomStateChange={(bottom) => {
          if (bottom) stick.current = true;
        }}
        atBottomThreshold={48}
        totalListHeightChanged={onHeightChange}
        increaseViewportBy={{ top: 600, bottom: 300 }}
        style={{ height: '100%' }}
        components={{ Header: Spacer, Footer: Spacer }}
      />
    </Box>
  );
});

function Spacer() {
  return <div style={{ height: 16 }} />;
}
