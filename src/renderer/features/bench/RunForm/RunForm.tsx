import { Button, Checkbox, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_BENCH_MEASUREMENTS, type BenchStartInput } from '../../../../shared/contract';
import { Section } from '../../../ui/Section/Section';
import { parseIntList, parseLayers, parseTests } from '../sweepInput';

const KV_TYPES = ['F16', 'Q8_0', 'Q4_0'] as const;

interface RunFormProps {
  path: string | null;
  defaultThreads: number;
  running: boolean;
  onRun: (input: BenchStartInput) => void;
  onCancel: () => void;
}

/** Tests in llama-bench's names, repetitions, and the values of each load setting to sweep. */
export function RunForm({ path, defaultThreads, running, onRun, onCancel }: RunFormProps) {
  const { t } = useTranslation();
  const [tests, setTests] = useState('pp512, tg128');
  const [repetitions, setRepetitions] = useState(5);
  const [warmup, setWarmup] = useState(true);
  const [threads, setThreads] = useState('');
  const [batch, setBatch] = useState('2048');
  const [ubatch, setUbatch] = useState('512');
  const [flash, setFlash] = useState<boolean[]>([false]);
  const [kv, setKv] = useState<string[]>(['F16']);
  const [layers, setLayers] = useState('max');

  const parsedTests = parseTests(tests);
  const parsedThreads = parseIntList(threads);
  const parsedBatch = parseIntList(batch);
  const parsedUbatch = parseIntList(ubatch);
  const parsedLayers = parseLayers(layers);
  const combos =
    Math.max(1, parsedThreads?.length ?? 1) *
    (parsedBatch?.length || 1) *
    (parsedUbatch?.length || 1) *
    Math.max(1, flash.length) *
    Math.max(1, kv.length) *
    (parsedLayers?.length || 1);
  const measurements = combos * parsedTests.tests.length;
  const valid =
    path !== null &&
    parsedTests.invalid === null &&
    parsedTests.tests.length > 0 &&
    parsedThreads !== null &&
    !!parsedBatch?.length &&
    !!parsedUbatch?.length &&
    flash.length > 0 &&
    kv.length > 0 &&
    !!parsedLayers?.length &&
    measurements <= MAX_BENCH_MEASUREMENTS;

  const run = () => {
    if (!valid || !path) return;
    onRun({
      path,
      tests: parsedTests.tests,
      repetitions,
      warmup,
      sweep: {
        threads: parsedThreads!.length > 0 ? parsedThreads : null,
        batchSize: parsedBatch!,
        ubatchSize: parsedUbatch!,
        flashAttention: flash,
        kvCacheType: kv as Array<(typeof KV_TYPES)[number]>,
        gpuLayers: parsedLayers!,
      },
    });
  };

  const listError = (value: number[] | null) => (value === null ? t('bench.form.listInvalid') : undefined);
  return (
    <Section title={t('bench.form.title')} testId="bench-form">
      <Stack gap="sm">
        <TextInput
          label={t('bench.form.tests')}
          description={t('bench.form.testsHint')}
          value={tests}
          onChange={(e) => setTests(e.currentTarget.value)}
          error={parsedTests.invalid !== null ? t('bench.form.testsInvalid', { text: parsedTests.invalid }) : undefined}
          data-testid="bench-tests"
        />
        <Group align="flex-start" grow>
          <NumberInput label={t('bench.form.repetitions')} min={1} max={50} value={repetitions} onChange={(v) => typeof v === 'number' && setRepetitions(v)} data-testid="bench-repetitions" />
          <TextInput
            label={t('bench.form.threads')}
            description={t('bench.form.threadsHint', { count: defaultThreads })}
            value={threads}
            onChange={(e) => setThreads(e.currentTarget.value)}
            error={listError(parsedThreads)}
            data-testid="bench-threads"
          />
        </Group>
        <Group align="flex-start" grow>
          <TextInput label={t('bench.form.batchSize')} description={t('bench.form.listHint')} value={batch} onChange={(e) => setBatch(e.currentTarget.value)} error={listError(parsedBatch)} />
          <TextInput label={t('bench.form.ubatchSize')} description={t('bench.form.listHint')} value={ubatch} onChange={(e) => setUbatch(e.currentTarget.value)} error={listError(parsedUbatch)} />
          <TextInput
            label={t('bench.form.gpuLayers')}
            description={t('bench.form.gpuLayersHint')}
            value={layers}
            onChange={(e) => setLayers(e.currentTarget.value)}
            error={parsedLayers === null ? t('bench.form.listInvalid') : undefined}
          />
        </Group>
        <Group gap="xl">
          <Checkbox.Group label={t('bench.form.flashAttention')} value={flash.map(String)} onChange={(v) => setFlash(v.map((x) => x === 'true'))}>
            <Group gap="sm" mt={4}>
              <Checkbox value="false" label={t('bench.form.off')} />
              <Checkbox value="true" label={t('bench.form.on')} data-testid="bench-fa-on" />
            </Group>
          </Checkbox.Group>
          <Checkbox.Group label={t('bench.form.kvCacheType')} value={kv} onChange={setKv}>
            <Group gap="sm" mt={4}>
              {KV_TYPES.map((type) => (
                <Checkbox key={type} value={type} label={type} />
              ))}
            </Group>
          </Checkbox.Group>
          <Checkbox label={t('bench.form.warmup')} checked={warmup} onChange={(e) => setWarmup(e.currentTarget.checked)} mt="lg" />
        </Group>
        <Text size="sm" c={measurements > MAX_BENCH_MEASUREMENTS ? 'red' : 'dimmed'} data-testid="bench-measurements">
          {measurements > MAX_BENCH_MEASUREMENTS
            ? t('bench.form.tooMany', { max: MAX_BENCH_MEASUREMENTS })
            : t('bench.form.measurements', { count: measurements, repetitions })}
        </Text>
        <Group>
          {running ? (
            <Button color="red" variant="light" onClick={onCancel} data-testid="bench-cancel">
              {t('bench.form.cancel')}
            </Button>
          ) : (
            <Button onClick={run} disabled={!valid} data-testid="bench-run">
              {t('bench.form.run')}
            </Button>
          )}
        </Group>
      </Stack>
    </Section>
  );
}
