import { Container, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BenchRun, BestSettings, MachineState, ModelFile } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { describeCallError } from '../../../platform/errors';
import { Section } from '../../../ui/Section/Section';
import { BestSettingsCard } from '../BestSettingsCard/BestSettingsCard';
import { CompareRuns } from '../CompareRuns/CompareRuns';
import { EngineBuildPanel } from '../EngineBuildPanel/EngineBuildPanel';
import { HistoryChart } from '../HistoryChart/HistoryChart';
import { historySeries } from '../historySeries';
import { MachineCard } from '../MachineCard/MachineCard';
import { ResultsTable } from '../ResultsTable/ResultsTable';
import { RunForm } from '../RunForm/RunForm';
import { RunProgress } from '../RunProgress/RunProgress';
import { RunsList } from '../RunsList/RunsList';
import { useBenchRun } from '../useBenchRun';
import { CallError } from '../../../ui/CallError/CallError';

/**
 * The benchmark lab: pick a model, run llama-bench's tests over a sweep of settings, see each
 * result with its deviation and how close it comes to the machine's memory bandwidth, the
 * model's history on this machine, two runs side by side, exports, and the best settings found.
 */
export function BenchView() {
  const { t } = useTranslation();
  const client = useClient();
  const [files, setFiles] = useState<ModelFile[]>([]);
  const [path, setPath] = useState<string | null>(null);
  const [machine, setMachine] = useState<MachineState | null>(null);
  const [runs, setRuns] = useState<BenchRun[]>([]);
  const [best, setBest] = useState<BestSettings | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [version, setVersion] = useState(0);
  const [problem, setProblem] = useState<unknown>(null);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  const { state, start, cancel } = useBenchRun(refresh);

  useEffect(() => {
    const controller = new AbortController();
    client.library.list(undefined, { signal: controller.signal }).then(
      (snapshot) => {
        const models = snapshot.files.filter((f) => f.facts?.kind === 'model' && !f.problem);
        setFiles(models);
        setPath((p) => p ?? models[0]?.path ?? null);
      },
      (error: unknown) => !controller.signal.aborted && setProblem(error),
    );
    return () => controller.abort();
  }, [client]);

  useEffect(() => {
    const controller = new AbortController();
    client.bench.machine(undefined, { signal: controller.signal }).then(setMachine, () => undefined);
    return () => controller.abort();
  }, [client, version]);

  useEffect(() => {
    if (!path) return;
    const controller = new AbortController();
    const opts = { signal: controller.signal };
    client.bench.runs({ path }, opts).then((r) => !controller.signal.aborted && setRuns(r), (error: unknown) => !controller.signal.aborted && setProblem(error));
    client.bench.bestSettings({ path }, opts).then((b) => !controller.signal.aborted && setBest(b), () => undefined);
    return () => controller.abort();
  }, [client, path, version]);

  const history = useMemo(() => (machine ? historySeries(runs, machine.machine.id) : { runs: [], series: [] }), [runs, machine]);
  const pair = selected.length === 2 ? selected.map((id) => runs.find((r) => r.id === id)).filter((r): r is BenchRun => !!r) : [];
  const latest = state.finished ?? runs[0] ?? null;
  const shownResults = state.running || state.results.length > 0 ? state.results : (latest?.results ?? []);

  return (
    <Container size="lg" py="md">
      <Stack gap="lg">
        <div>
          <Title order={1} size="h2">
            {t('bench.title')}
          </Title>
          <Text c="dimmed" size="sm" mt={4}>
            {t('bench.intro')}
          </Text>
        </div>
        {files.length === 0 ? (
          <Text>{t('bench.noModels')}</Text>
        ) : (
          <NativeSelect
            label={t('bench.model')}
            value={path ?? ''}
            onChange={(e) => {
              setPath(e.currentTarget.value);
              setSelected([]);
            }}
            data={files.map((f) => ({ value: f.path, label: f.displayName ?? f.relativePath }))}
            disabled={state.running}
            data-testid="bench-model"
          />
        )}
        <CallError error={problem} />
        <RunForm path={path} defaultThreads={machine?.defaultThreads ?? 1} running={state.running} onRun={(input) => void start(input)} onCancel={cancel} />
        <Section title={t('bench.results.title')} testId="bench-results">
          <RunProgress state={state} />
          {state.problem !== null && (
            <Text size="sm" c="red" role="alert">
              {describeCallError(t, state.problem)}
            </Text>
          )}
          <ResultsTable results={shownResults} testId="bench-results-table" />
        </Section>
        {path && <BestSettingsCard path={path} best={best} onChanged={setBest} />}
        <Section title={t('bench.history.title')} testId="bench-history">
          {history.runs.length >= 2 ? (
            <HistoryChart runs={history.runs} series={history.series} />
          ) : (
            <Text size="sm" c="dimmed">
              {t('bench.history.needTwo')}
            </Text>
          )}
        </Section>
        <Section title={t('bench.runs.title')} testId="bench-runs-section">
          <RunsList runs={runs} machineId={machine?.machine.id ?? null} selected={selected} onSelect={setSelected} onDeleted={refresh} />
          {pair.length === 2 ? (
            <>
              <Title order={3} size="h5">
                {t('bench.compare.title')}
              </Title>
              <CompareRuns a={pair[0]!.startedAt <= pair[1]!.startedAt ? pair[0]! : pair[1]!} b={pair[0]!.startedAt <= pair[1]!.startedAt ? pair[1]! : pair[0]!} />
            </>
          ) : (
            runs.length >= 2 && (
              <Text size="xs" c="dimmed">
                {t('bench.compare.hint')}
              </Text>
            )
          )}
        </Section>
        <MachineCard state={machine} onChanged={refresh} />
        <EngineBuildPanel onChanged={refresh} />
      </Stack>
    </Container>
  );
}
