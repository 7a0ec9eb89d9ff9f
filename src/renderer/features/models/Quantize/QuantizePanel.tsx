import { Alert, Button, Checkbox, Group, NativeSelect, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMATRIX_RECOMMENDED, QuantTypeSchema, type ModelFile, type QuantizePlan, type QuantType } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { describeCallError } from '../../../platform/errors';
import { FitLabelBadge } from '../../../ui/FitLabelBadge/FitLabelBadge';
import { useFormat } from '../../../ui/useFormat';
import { QuantizeJobRow } from './QuantizeJobRow';
import { useQuantizeJobs } from './useQuantizeJobs';
import { CallError } from '../../../ui/CallError/CallError';

const baseName = (path: string) => path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);

type PlanState = { status: 'loading' } | { status: 'done'; plan: QuantizePlan } | { status: 'error'; error: unknown };

/**
 * Quantize this file: the type (importance-matrix types marked), the exact output size from
 * llama.cpp's dry run, the fit label and free space before starting; then per-tensor progress.
 */
export function QuantizePanel({ file }: { file: ModelFile }) {
  const { t } = useTranslation();
  const client = useClient();
  const format = useFormat();
  const [type, setType] = useState<QuantType>('Q4_K_M');
  const [imatrixPath, setImatrixPath] = useState('');
  const [threads, setThreads] = useState<number | null>(null);
  const [consent, setConsent] = useState(false);
  const [plan, setPlan] = useState<{ key: string; state: PlanState } | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);
  const jobs = useQuantizeJobs().filter((j) => j.sourcePath === file.path);
  const imatrix = imatrixPath.trim() || null;
  const key = `${file.path}\u0000${type}\u0000${imatrix}\u0000${file.modifiedAt}`;
  const running = jobs.some((j) => j.state === 'running');

  useEffect(() => {
    const controller = new AbortController();
    client.quantize.plan({ sourcePath: file.path, type, imatrixPath: imatrix }, { signal: controller.signal }).then(
      (p) => !controller.signal.aborted && setPlan({ key, state: { status: 'done', plan: p } }),
      (error: unknown) => !controller.signal.aborted && setPlan({ key, state: { status: 'error', error } }),
    );
    return () => controller.abort();
    // `running` ending means a new file may now exist: plan again.
  }, [client, file.path, type, imatrix, key, running]);

  const state: PlanState = plan?.key === key ? plan.state : { status: 'loading' };
  const ready = state.status === 'done' && state.plan.enoughSpace && (!state.plan.requantize || consent);

  const start = async () => {
    setStarting(true);
    setProblem(null);
    try {
      await client.quantize.start({ sourcePath: file.path, type, imatrixPath: imatrix, threads, allowRequantize: consent });
    } catch (error) {
      setProblem(error);
    } finally {
      setStarting(false);
    }
  };

  return (
    <section data-testid="quantize-panel">
      <Title order={3} size="h5" mb="xs">
        {t('quantize.title')}
      </Title>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('quantize.intro')}
        </Text>
        <NativeSelect
          label={t('quantize.type')}
          value={type}
          onChange={(e) => setType(e.currentTarget.value as QuantType)}
          data={QuantTypeSchema.options.map((q) => ({
            value: q,
            label: `${t('quantize.typeOption', { type: q, hint: t(`quantize.hint.${q}`) })}${IMATRIX_RECOMMENDED.has(q) ? ` · ${t('quantize.imatrixMarker')}` : ''}`,
          }))}
          data-testid="quantize-type"
        />
        {IMATRIX_RECOMMENDED.has(type) && (
          <Text size="xs" c="orange" data-testid="quantize-imatrix-hint">
            {t('quantize.imatrixRecommended')}
          </Text>
        )}
        <TextInput
          label={t('quantize.imatrix')}
          placeholder={t('quantize.imatrixPlaceholder')}
          value={imatrixPath}
          onChange={(e) => setImatrixPath(e.currentTarget.value)}
        />
        {state.status === 'loading' && (
          <Text size="sm" c="dimmed">
            {t('quantize.planning')}
          </Text>
        )}
        {state.status === 'error' && (
          // An existing output (often the one just made) is a fact, not a failure.
          <Text size="sm" c={(state.error as { code?: string }).code === 'QUANTIZE_OUTPUT_EXISTS' ? 'dimmed' : 'red'} role="alert" data-testid="quantize-plan-error">
            {describeCallError(t, state.error)}
          </Text>
        )}
        {state.status === 'done' && <PlanFacts plan={state.plan} />}
        {state.status === 'done' && state.plan.requantize && (
          <Alert color="orange" variant="light" data-testid="requantize-warning">
            <Text size="sm">{t('quantize.requantizeWarning', { type: state.plan.sourceFileType })}</Text>
            <Checkbox mt="xs" label={t('quantize.requantizeConsent')} checked={consent} onChange={(e) => setConsent(e.currentTarget.checked)} />
          </Alert>
        )}
        <NumberInput
          label={t('quantize.threads')}
          description={state.status === 'done' ? t('quantize.threadsHint', { count: state.plan.defaultThreads }) : undefined}
          min={1}
          max={256}
          value={threads ?? ''}
          placeholder={state.status === 'done' ? String(state.plan.defaultThreads) : undefined}
          onChange={(v) => setThreads(typeof v === 'number' && v >= 1 ? Math.round(v) : null)}
          w={200}
        />
        <Group>
          <Button onClick={() => void start()} loading={starting} disabled={!ready || running} data-testid="quantize-start">
            {t('quantize.start', { type })}
          </Button>
          {state.status === 'done' && (
            <Text size="sm" c="dimmed">
              {format.bytes(state.plan.predictedBytes)}
            </Text>
          )}
        </Group>
        <CallError error={problem} />
        {jobs.map((job) => (
          <QuantizeJobRow key={job.id} job={job} />
        ))}
      </Stack>
    </section>
  );
}

function PlanFacts({ plan }: { plan: QuantizePlan }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap={4} data-testid="quantize-plan" data-predicted-bytes={plan.predictedBytes}>
      <Text size="sm">{t('quantize.predicted', { name: baseName(plan.outputPath), size: format.bytes(plan.predictedBytes) })}</Text>
      {plan.fallbackTensors > 0 && (
        <Text size="xs" c="dimmed">
          {t('quantize.fallback', { count: plan.fallbackTensors })}
        </Text>
      )}
      {plan.fit && (
        <Group gap="xs">
          <Text size="sm">{t('quantize.fit')}</Text>
          <FitLabelBadge fit={plan.fit} />
        </Group>
      )}
      <Text size="xs" c={plan.enoughSpace ? 'dimmed' : 'red'} role={plan.enoughSpace ? undefined : 'alert'}>
        {plan.enoughSpace
          ? t('quantize.freeSpace', { free: format.bytes(plan.freeBytes) })
          : t('quantize.notEnoughSpace', { free: format.bytes(plan.freeBytes), needed: format.bytes(plan.predictedBytes) })}
      </Text>
    </Stack>
  );
}
