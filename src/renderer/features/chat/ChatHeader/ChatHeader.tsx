import { ActionIcon, Badge, Group, Title, Tooltip } from '@mantine/core';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../../state/appStore';
import { Icon } from '../../../ui/Icon/Icon';
import { useChatStore, type ConversationInfo } from '../chatStore';
import { exportConversation } from '../conversationTransfer';
import { isImported } from '../importedMarker';
import { useFormat } from '../../../ui/useFormat';
import { ModelControl } from '../ModelControl/ModelControl';
import { titleOf } from '../titleOf';
import { setPanelOpen, usePreferences } from '../preferencesStore';

/** Title, export and the side panel toggle; below them the model bar. */
const exportFormats = [
  { format: 'markdown', badge: 'MD' },
  { format: 'json', badge: '{}' },
] as const;

export const ChatHeader = memo(function ChatHeader({
  conversation,
  onShowList,
}: {
  conversation: ConversationInfo;
  onShowList: (() => void) | null;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const format = useFormat();
  const panelOpen = usePreferences((s) => s.panelOpen);
  const imported = useChatStore((s) => isImported(conversation.createdAt, Object.values(s.open[conversation.id]?.messages ?? {})));
  return (
    <Group
      px="md"
      py="xs"
      gap="xs"
      justify="space-between"
      wrap="wrap"
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      <Group gap="sm" wrap="wrap" style={{ flex: 1, minWidth: 0 }}>
        {onShowList && (
          <Tooltip label={t('chat.list.show')}>
            <ActionIcon variant="default" size="lg" onClick={onShowList} aria-label={t('chat.list.show')} data-testid="show-conversations">
              <Icon name="chat" />
            </ActionIcon>
          </Tooltip>
        )}
        <Title
          order={1}
          size="h4"
          lineClamp={2}
          title={titleOf(t, conversation.title)}
          data-testid="conversation-title-heading"
          style={{ overflowWrap: 'anywhere', flex: '1 1 240px', minWidth: 0 }}
        >
          {titleOf(t, conversation.title)}
        </Title>
        {imported && (
          <Tooltip label={t('chat.imported.hint', { when: format.dateTime(conversation.createdAt) })} multiline w={280}>
            <Badge variant="light" color="grape" tabIndex={0} data-testid="conversation-imported">
              {t('chat.imported.badge')}
            </Badge>
          </Tooltip>
        )}
        <ModelControl conversation={conversation} />
      </Group>
      <Group gap={4} wrap="nowrap">
        {exportFormats.map(({ format, badge }) => (
          <Tooltip key={format} label={t(`chat.export.${format}`)}>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              onClick={() => void exportConversation(client, conversation.id, format)}
              aria-label={t(`chat.export.${format}`)}
              data-testid={`export-${format}`}
            >
              <Icon name="download" />
              <span style={{ fontSize: 9, fontWeight: 700, marginLeft: 1 }} aria-hidden="true">
                {badge}
              </span>
            </ActionIcon>
          </Tooltip>
        ))}
        <Tooltip label={panelOpen ? t('chat.panel.close') : t('chat.panel.open')}>
          <ActionIcon
            variant={panelOpen ? 'light' : 'subtle'}
            color={panelOpen ? undefined : 'gray'}
            size="lg"
            onClick={() => setPanelOpen(!panelOpen)}
            aria-label={panelOpen ? t('chat.panel.close') : t('chat.panel.open')}
            aria-expanded={panelOpen}
            data-testid="settings-panel-toggle"
          >
            <Icon name="panel" />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Group>
  );
});
