import { Button, Group, Text, Textarea } from '@mantine/core';
import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../../state/appStore';
import { useEngineStore } from '../../../state/engineStore';
import { Icon } from '../../../ui/Icon/Icon';
import { anyPaneReady, broadcast, stopBroadcast, useCompareStore } from '../compareStore';
import classes from './BroadcastComposer.module.css';

/**
 * One prompt box for every pane: Enter sends to all, Shift+Enter adds a line, Esc stops all. It
 * stays at the bottom of the window however tall the panes are. Nothing is sent while no pane has
 * a loaded model (the answer would only be "not loaded" in every pane).
 */
export function BroadcastComposer() {
  const { t } = useTranslation();
  const client = useClient();
  const sending = useCompareStore((s) => s.sending);
  const panes = useCompareStore((s) => s.current?.panes);
  const anyLoaded = useEngineStore((s) => anyPaneReady(panes ?? [], s.models ?? []));
  const [draft, setDraft] = useState('');
  const hintId = useId();
  const canSend = !sending && anyLoaded && draft.trim() !== '';

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
        data-reason={!sending && !anyLoaded ? 'not-loaded' : undefined}
      >
        {sending ? t('compare.composer.stopHint') : anyLoaded ? t('compare.composer.hint') : t('compare.composer.loadFirst')}
      </Text>
    </div>
  );
}
