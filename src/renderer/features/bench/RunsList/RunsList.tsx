import { ActionIcon, Badge, Button, Checkbox, Group, NativeSelect, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BenchExportFormat, BenchRun } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { saveFile } from '../../../platform/saveFile';
import { Icon } from '../../../ui/Icon/Icon';
import { useFormat } from '../../../ui/useFormat';
import { CallError } from '../../../ui/CallError/CallError';

const FORMATS: BenchExportFormat[] = ['json', 'jsonl', 'csv', 'md', 'sql'];

interface RunsListProps {
  runs: readonly BenchRun[];
  machineId: string | null;
  selected: readonly string[];
  onSelect: (ids: string[]) => void;
  onDeleted: () => void;
}

/** A model's runs, newest first: pick two to compare, export the selected (or all) in llama-bench's formats. */
export function RunsList({ runs, machineId, selected, onSelect, onDeleted }: RunsListProps) {
  const { t } = useTranslation();
  const client = useClient();
  const format = useFormat();
  const [exportFormat, setExportFormat] = useState<BenchExportFormat>('json');
  const [problem, setProblem] = useState<unknown>(null);

  if (runs.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('bench.runs.empty')}
      </Text>
    );
  }
  const toggle = (id: string, on: boolean) => onSelect(on ? [...selected.filter((s) => s !== id), id].slice(-2) : selected.filter((s) => s !== id));
  const exportRuns = async () => {
    setProblem(null);
    try {
      const ids = selected.length > 0 ? [...selected] : runs.filter((r) => r.results.length > 0).map((r) => r.id);
      const file = await client.bench.export({ runIds: ids, format: exportFormat });
      saveFile({ fileName: file.fileName, mimeType: file.mimeType, content: file.text });
    } catch (error) {
      setProblem(error);
    }
  };
  const remove = async (id: string) => {
    setProblem(null);
    try {
      await client.bench.delete({ runId: id });
      onSelect(selected.filter((s) => s !== id));
      onDeleted();
    } catch (error) {
      setProblem(error);
    }
  };
  return (
    <>
      <Table data-testid="bench-runs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>{t('bench.runs.compare')}</Table.Th>
            <Table.Th>{t('bench.runs.when')}</Table.Th>
            <Table.Th>{t('bench.runs.status')}</Table.Th>
            <Table.Th>{t('bench.runs.engine')}</Table.Th>
            <Table.Th>{t('bench.runs.machine')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((run) => (
            <Table.Tr key={run.id} data-testid="bench-run-row" data-status={run.status}>
              <Table.Td>
                <Checkbox
                  checked={selected.includes(run.id)}
                  onChange={(e) => toggle(run.id, e.currentTarget.checked)}
                  aria-label={t('bench.runs.select', { when: format.dateTime(run.startedAt) })}
                />
              </Table.Td>
              <Table.Td>
                {format.dateTime(run.startedAt)}
                <Text size="xs" c="dimmed">
                  {t('bench.runs.results', { count: run.results.length })}
                </Text>
              </Table.Td>
              <Table.Td>{t(`bench.runs.statusValue.${run.status}`)}</Table.Td>
              <Table.Td>
                <Badge variant="light" size="sm">
                  {run.engine ? t(`bench.engineKind.${run.engine.kind}`) : t('common.none')}
                </Badge>
              </Table.Td>
              <Table.Td>{run.machine.id === machineId ? run.machine.cpuModel : `${run.machine.cpuModel} (${t('bench.runs.otherMachine')})`}</Table.Td>
              <Table.Td>
                <ActionIcon variant="subtle" color="red" aria-label={t('bench.runs.delete')} onClick={() => void remove(run.id)} disabled={run.status === 'running'}>
                  <Icon name="trash" />
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group align="flex-end" mt="sm">
        <NativeSelect
          label={t('bench.export.label')}
          value={exportFormat}
          onChange={(e) => setExportFormat(e.currentTarget.value as BenchExportFormat)}
          data={FORMATS}
          data-testid="bench-export-format"
        />
        <Button variant="light" onClick={() => void exportRuns()} data-testid="bench-export">
          {t('bench.export.button')}
        </Button>
      </Group>
      <CallError error={problem} />
    </>
  );
}
