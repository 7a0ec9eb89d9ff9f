import { Alert, Button, DataList, FileButton, Group, Progress, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompactEvent, HistoryImportReport } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { describeCallError } from '../../../platform/errors';
import { useOrpc } from '../../../state/query';
import { Section } from '../../../ui/Section/Section';
import { useFormat } from '../../../ui/useFormat';
import { exportHistoryToFile, importHistoryFile } from '../historyTransfer';

type Task =
  | { kind: 'idle' }
  | { kind: 'compacting'; step: Extract<CompactEvent, { type: 'step' }> | null }
  | { kind: 'exporting'; done: number; total: number }
  | { kind: 'importing'; fraction: number; report: HistoryImportReport | null };

type Outcome =
  | { kind: 'compacted'; beforeBytes: number; afterBytes: number }
  | { kind: 'exported'; conversations: number; messages: number }
  | { kind: 'imported'; report: HistoryImportReport }
  | { kind: 'failed'; error: unknown };

/** The database's size, compacting it, and the whole chat history to a file and back. */
export function StorageSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useClient();
  const orpc = useOrpc();
  const queryClient = useQueryClient();
  const info = useQuery(orpc.storage.info.queryOptions()).data ?? null;
  const [task, setTask] = useState<Task>({ kind: 'idle' });
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const cancel = useRef<AbortController | null>(null);

  const run = async (first: Task, work: (signal: AbortSignal) => Promise<Outcome | null>) => {
    const controller = new AbortController();
    cancel.current = controller;
    setOutcome(null);
    setTask(first);
    try {
      setOutcome(await work(controller.signal));
    } catch (error) {
      if (!controller.signal.aborted) setOutcome({ kind: 'failed', error });
    } finally {
      cancel.current = null;
      setTask({ kind: 'idle' });
      // Whatever ran changed the sizes and counts, even a failed or cancelled import.
      void queryClient.invalidateQueries({ queryKey: orpc.storage.info.key() });
    }
  };

  const compact = () =>
    run({ kind: 'compacting', step: null }, async () => {
      for await (const e of await client.storage.compact()) {
        if (e.type === 'step') setTask({ kind: 'compacting', step: e });
        else return { kind: 'compacted', beforeBytes: e.beforeBytes, afterBytes: e.afterBytes };
      }
      return null;
    });

  const exportAll = () =>
    run({ kind: 'exporting', done: 0, total: info?.conversations ?? 0 }, async (signal) => {
      const result = await exportHistoryToFile(client, (done, total) => setTask({ kind: 'exporting', done, total }), signal);
      return result && { kind: 'exported', ...result };
    });

  const importFile = (file: File | null) =>
    file &&
    run({ kind: 'importing', fraction: 0, report: null }, async (signal) => {
      const report = await importHistoryFile(client, file, (fraction, report) => setTask({ kind: 'importing', fraction, report }), signal);
      return { kind: 'imported', report };
    });

  const busy = task.kind !== 'idle';
  return (
    <Section title={t('history.storage.title')} description={t('history.storage.description')} testId="storage-section">
      <DataList labelWidth={200} withDivider size="sm" data-testid="storage-info">
        <DataList.Item>
          <DataList.ItemLabel>{t('history.storage.size')}</DataList.ItemLabel>
          <DataList.ItemValue data-testid="storage-size">{info ? format.bytes(info.databaseBytes) : '…'}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('history.storage.reclaimable')}</DataList.ItemLabel>
          <DataList.ItemValue data-testid="storage-reclaimable">{info ? format.bytes(info.reclaimableBytes) : '…'}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('history.storage.contents')}</DataList.ItemLabel>
          <DataList.ItemValue data-testid="storage-counts">
            {info
              ? t('history.storage.counts', { conversations: format.integer(info.conversations), messages: format.integer(info.messages) })
              : '…'}
          </DataList.ItemValue>
        </DataList.Item>
      </DataList>
      <Stack gap={4}>
        <Group gap="xs">
          <Button
            variant="default"
            onClick={() => void compact()}
            disabled={busy}
            loading={task.kind === 'compacting'}
            data-testid="storage-compact"
          >
            {t('history.storage.compact')}
          </Button>
          <Button variant="default" onClick={() => void exportAll()} disabled={busy} data-testid="history-export">
            {t('history.storage.export')}
          </Button>
          <FileButton onChange={(file) => void importFile(file)} accept=".jsonl,application/jsonl,application/x-ndjson,text/plain">
            {(props) => (
              <Button variant="default" {...props} disabled={busy} data-testid="history-import">
                {t('history.storage.import')}
              </Button>
            )}
          </FileButton>
          {(task.kind === 'exporting' || task.kind === 'importing') && (
            <Button variant="subtle" color="gray" onClick={() => cancel.current?.abort()} data-testid="history-cancel">
              {t('common.cancel')}
            </Button>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {t('history.storage.compactHint')}
        </Text>
      </Stack>
      <TaskProgress task={task} />
      {outcome && <OutcomeNote outcome={outcome} />}
    </Section>
  );
}

function TaskProgress({ task }: { task: Task }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (task.kind === 'idle') return null;
  const [label, value] =
    task.kind === 'compacting'
      ? [
          task.step ? t(`history.storage.steps.${task.step.step}`) : t('history.storage.compacting'),
          task.step ? (task.step.index / task.step.count) * 100 : 0,
        ]
      : task.kind === 'exporting'
        ? [
            t('history.storage.exporting', { done: format.integer(task.done), total: format.integer(task.total) }),
            task.total ? (task.done / task.total) * 100 : 0,
          ]
        : [t('history.storage.importing', { percent: Math.round(task.fraction * 100) }), task.fraction * 100];
  return (
    <Stack gap={4} role="status" data-testid="storage-task" data-task={task.kind}>
      <Text size="sm">{label}</Text>
      <Progress value={value} animated={task.kind === 'compacting'} aria-label={label} />
    </Stack>
  );
}

function OutcomeNote({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (outcome.kind === 'failed') {
    return (
      <Alert color="red" variant="light" role="alert" data-testid="storage-error">
        <Text size="sm">{describeCallError(t, outcome.error)}</Text>
      </Alert>
    );
  }
  const text =
    outcome.kind === 'compacted'
      ? t('history.storage.compacted', { before: format.bytes(outcome.beforeBytes), after: format.bytes(outcome.afterBytes) })
      : outcome.kind === 'exported'
        ? t('history.storage.exported', {
            conversations: format.integer(outcome.conversations),
            messages: format.integer(outcome.messages),
          })
        : [
            t('history.storage.imported', {
              conversations: format.integer(outcome.report.conversations),
              messages: format.integer(outcome.report.messages),
            }),
            outcome.report.duplicates > 0 ? t('history.storage.duplicates', { count: outcome.report.duplicates }) : '',
          ]
            .filter(Boolean)
            .join(' ');
  return (
    <Alert color="green" variant="light" role="status" data-testid="storage-outcome" data-outcome={outcome.kind}>
      <Text size="sm">{text}</Text>
    </Alert>
  );
}
