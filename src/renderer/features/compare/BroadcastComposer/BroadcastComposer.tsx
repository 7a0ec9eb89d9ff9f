import { Button, Group, Text, Textarea } from '@mantine/core';
import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../../state/appStore';
import { Icon } from '../../../ui/Icon/Icon';
import { broadcast, everyPaneChosen, stopBroadcast, useCompareStore } from '../compareStore';
import classes from './BroadcastComposer.module.css';

/**
 * One prompt box for every pane: Enter sends to all, Shift+Enter adds a line, Esc stops all. It
 * stays at the bottom of the window however tall the panes are. Sending loads the panes not loaded
 * yet; nothing is sent while a pane has no model.
 */
export function BroadcastComposer() {
  const { t } = useTranslation();
  const client = useClient();
  const sending = useCompareStore((s) => s.sending);
  const panes = useCompareStore((s) => s.current?.panes);
  const hidden = useCompareStore((s) => (s.current ? s.current.options.blind && !s.current.revealed : false));
  const chosen = everyPaneChosen(panes ?? [], hidden);
  const [draft, setDraft] = useState('');
  const hintId = useId();
  const canSend = !sending && chosen && draft.trim() !== '';

  const send = () => {
    if (!canSend) return;
    const content = draft;
    setDraft('');
    void broadcast(client, content);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    } else if (event.key === 'Escape' && sending) {
      event.preventDefault();
      void stopBroadcast(client);
    }
  };

  return (
    <div className={classes.composer} data-testid="compare-composer-bar">
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <Textarea
          style={{ flex: 1 }}
          autosize
          minRows={1}
          maxRows={8}
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          placeholder={t('compare.composer.placeholder')}
          aria-label={t('compare.composer.label')}
          aria-describedby={hintId}
          data-testid="compare-composer"
        />
        {sending ? (
          <Button
            color="red"
            variant="light"
            leftSection={<Icon name="stop" size={14} />}
            onClick={() => void stopBroadcast(client)}
            data-testid="compare-stop"
          >
            {t('compare.composer.stop')}
          </Button>
        ) : (
          <Button leftSection={<Icon name="send" size={14} />} disabled={!canSend} onClick={send} data-testid="compare-send">
            {t('compare.composer.send')}
          </Button>
        )}
      </Group>
      <Text
        size="xs"
        c="dimmed"
        mt={4}
        id={hintId}
        data-testid="compare-send-hint"
        data-reason={!sending && !chosen ? 'no-model' : undefined}
      >
        {sending ? t('compare.composer.stopHint') : chosen ? t('compare.composer.hint') : t('compare.composer.chooseFirst')}
      </Text>
    </div>
  );
}
