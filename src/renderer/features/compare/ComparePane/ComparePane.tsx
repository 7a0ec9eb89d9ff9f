import { ActionIcon, Alert, Badge, Box, Button, Group, Paper, Popover, Progress, ScrollArea, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompareResult, Pane } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { useModelName } from '../../../state/connections';
import { useEngineStore } from '../../../state/engineStore';
import { ModelSelect } from '../../../ui/ModelSelect/ModelSelect';
import { describeCallError, storedErrorText } from '../../../platform/errors';
import { Icon } from '../../../ui/Icon/Icon';
import { Markdown } from '../../../ui/Markdown/Markdown';
import { ThoughtSection } from '../../../ui/ThoughtSection/ThoughtSection';
import { useFormat } from '../../../ui/useFormat';
import { cancelPaneLoad, loadPane, unloadPane, updatePane, useCompareStore } from '../compareStore';
import { PaneMetrics } from '../PaneMetrics/PaneMetrics';
import { PaneSettings } from '../PaneSettings/PaneSettings';

const stateColors = { loading: 'blue', loaded: 'teal', restarting: 'yellow', crashed: 'red', failed: 'red' } as const;

/** One model's side of the comparison: its choice and engine, its conversation, its numbers. */
export function ComparePane({ pane, hidden, blind }: { pane: Pane; hidden: boolean; blind: boolean }) {
  const { t } = useTranslation();
  const client = useClient();
  const models = useCompareStore((s) => s.models);
  const allResults = useCompareStore((s) => s.current?.results);
  const results = useMemo(() => allResults?.filter((r) => r.position === pane.position), [allResults, pane.position]);
  const live = useCompareStore((s) => s.live[pane.position]);
  const sending = useCompareStore((s) => s.sending);
  const load = useCompareStore((s) => s.loads[pane.position]);
  const model = useEngineStore((s) => s.models?.find((m) => m.instanceId === pane.instanceId) ?? null);
  const last: CompareResult | null = results?.at(-1) ?? null;
  const loading = !!load?.running || model?.state === 'loading';
  const broken = model && (model.state === 'crashed' || model.state === 'failed' || model.state === 'restarting');
  const id = `pane-${pane.position}`;

  const modelName = useModelName();

  return (
    <Paper
      withBorder
      p="sm"
      style={{ flex: 1, display: 'flex', flexDirection: 'column', minWidth: 0 }}
      data-testid={id}
      data-position={pane.position}
      aria-label={t('compare.pane.label', { label: pane.label })}
      component="section"
    >
      <Stack gap={6}>
        <Group gap="xs" wrap="nowrap" justify="space-between">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Badge variant="filled" size="lg" radius="sm" data-testid={`${id}-label`}>
              {hidden ? t('compare.pane.blindName', { label: pane.label }) : pane.label}
            </Badge>
            {!hidden && pane.model && (
              <Text size="sm" fw={500} truncate data-testid={`${id}-model-name`}>
                {modelName(pane.model)}
              </Text>
            )}
          </Group>
          {model && (
            <Badge color={stateColors[model.state]} variant="light" data-testid={`${id}-state`} data-state={model.state}>
              {t(`engineState.${model.state}`)}
            </Badge>
          )}
        </Group>
        {/* A blind battle's models are fixed (revealed or not); side-by-side panes choose theirs. */}
        {!blind && (
          <Group gap="xs" wrap="nowrap">
            <ModelSelect
              size="xs"
              style={{ flex: 1, minWidth: 0 }}
              files={models}
              value={pane.model}
              placeholder={t('compare.pane.chooseModel')}
              missingLabel={(name) => t('chat.model.missing', { file: name })}
              disabled={sending || loading}
              onChange={(model) => void updatePane(client, pane.position, { model })}
              aria-label={t('compare.pane.model', { label: pane.label })}
              data-testid={`${id}-model`}
            />
            <Popover position="bottom-end" withArrow shadow="md" trapFocus>
              <Popover.Target>
                <ActionIcon
                  variant="default"
                  size="md"
                  aria-label={t('compare.pane.settings', { label: pane.label })}
                  data-testid={`${id}-settings-toggle`}
                >
                  <Icon name="settings" size={16} />
                </ActionIcon>
              </Popover.Target>
              <Popover.Dropdown>
                <PaneSettings pane={pane} disabled={sending} />
              </Popover.Dropdown>
            </Popover>
          </Group>
        )}
        <Group gap="xs">
          {loading ? (
            <>
              <Progress
                style={{ flex: 1 }}
                value={Math.round((load?.progress ?? 0) * 100)}
                size="md"
                aria-label={t('compare.pane.loading')}
              />
              <Button size="compact-xs" variant="subtle" color="gray" onClick={() => cancelPaneLoad(pane.position)}>
                {t('common.cancel')}
              </Button>
            </>
          ) : model?.state === 'loaded' ? (
            <Button
              size="compact-xs"
              variant="default"
              leftSection={<Icon name="eject" size={12} />}
              disabled={sending}
              onClick={() => void unloadPane(client, pane.position)}
              data-testid={`${id}-eject`}
            >
              {t('compare.pane.eject')}
            </Button>
          ) : pane.model?.kind === 'remote' || pane.instanceId?.startsWith('ready:') ? (
            // A hidden side says only that it is ready: local or remote would already tell something.
            <Badge color={hidden ? 'teal' : 'grape'} variant="light" data-testid={`${id}-state`} data-state={hidden ? 'loaded' : 'remote'}>
              {hidden ? t('engineState.loaded') : t('remote.state.remote')}
            </Badge>
          ) : (
            (hidden || pane.model) && (
              <Button
                size="compact-xs"
                leftSection={<Icon name={broken ? 'refresh' : 'play'} size={12} />}
                disabled={sending}
                onClick={() => void loadPane(client, pane.position)}
                data-testid={`${id}-load`}
              >
                {broken ? t('compare.pane.restart') : t('compare.pane.load')}
              </Button>
            )
          )}
        </Group>
        {load?.error != null && !load.running && (
          <Alert
            color="red"
            variant="light"
            p="xs"
            role="alert"
            data-testid={`${id}-load-error`}
            data-code={(load.error as { code?: string }).code}
          >
            <Text size="xs">{describeCallError(t, load.error)}</Text>
          </Alert>
        )}
        {broken && model.error && (
          <Alert
            color={model.state === 'restarting' ? 'yellow' : 'red'}
            variant="light"
            p="xs"
            role="alert"
            data-testid={`${id}-engine-error`}
          >
            <Text size="xs">
              {t(`chat.model.stateHint.${model.state}`)} {storedErrorText(t, model.error)}
            </Text>
          </Alert>
        )}
      </Stack>
      <ScrollArea style={{ flex: 1 }} mt="xs" type="auto" offsetScrollbars>
        <Stack gap="sm" data-testid={`${id}-rounds`}>
          {results?.map((r) => (
            <Round key={r.id} result={r} id={id} />
          ))}
          {live && (
            <Box data-testid={`${id}-live`} data-phase={live.phase}>
              <Text size="xs" c="dimmed">
                {t(`compare.pane.phase.${live.phase}`)}
              </Text>
              {live.reasoning !== '' && <ThoughtSection reasoning={live.reasoning} thinking={live.text === ''} />}
              {/* Plain text while it streams (cheap for four fast panes); formatted once complete. */}
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid={`${id}-streaming`}>
                {live.text}
              </Text>
            </Box>
          )}
        </Stack>
      </ScrollArea>
      <Box pt="xs" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
        <PaneMetrics
          result={last}
          model={model}
          remote={pane.model?.kind === 'remote'}
          liveTtftMs={live?.startedAt != null && live.firstAt !== null ? live.firstAt - live.startedAt : null}
        />
      </Box>
    </Paper>
  );
}

/** The round's numbers as recorded, so earlier rounds keep theirs when the footer moves on. */
function RoundStats({ result }: { result: CompareResult }) {
  const { t } = useTranslation();
  const format = useFormat();
  const s = result.stats;
  if (!s) return null;
  const parts = [
    s.ttftMs !== null ? `${t('compare.metric.ttft')} ${format.duration(s.ttftMs)}` : null,
    s.generationTokensPerSecond !== null ? format.tokenRate(s.generationTokensPerSecond) : null,
    t('compare.metric.tokensCount', { count: s.generatedTokens, value: format.integer(s.generatedTokens) }),
    result.peakRssBytes !== null ? `${t('compare.metric.peakMemory')} ${format.memory(result.peakRssBytes)}` : null,
    t(`compare.runMode.${result.runMode}`),
    result.settingsHash ? `#${result.settingsHash.slice(0, 8)}` : null,
  ].filter((p): p is string => p !== null);
  return (
    <Text size="xs" c="dimmed" data-testid="round-stats">
      {parts.join(' · ')}
    </Text>
  );
}

/** One recorded round: the prompt, the answer as saved, why it ended badly if it did. */
function Round({ result, id }: { result: CompareResult; id: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} data-testid={`${id}-round`} data-round={result.round} data-status={result.status}>
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
        {t('compare.pane.you')}: {result.prompt}
      </Text>
      {result.reasoning !== '' && <ThoughtSection reasoning={result.reasoning} thinking={false} />}
      <Box data-testid={`${id}-output`} style={{ overflowWrap: 'anywhere' }}>
        <Markdown text={result.output} />
      </Box>
      {result.error && (
        <Text size="xs" c="red" role="alert" data-testid={`${id}-error`} data-code={result.error.code}>
          {storedErrorText(t, result.error)}
        </Text>
      )}
      <RoundStats result={result} />
    </Stack>
  );
}
