import { Button, Group, NativeSelect, NumberInput, Progress, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelFile, QualityEvent, QualitySample } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { useOrpc } from '../../../state/query';
import { useLibraryStore } from '../libraryStore';
import { FamilyChart } from './FamilyChart';
import { QualityTable } from './QualityTable';
import { CallError } from '../../../ui/CallError/CallError';

type Progressing = Extract<QualityEvent, { type: 'progress' }>;

/**
 * Quality against the source (from the lineage, or a file the user picks): measure perplexity and
 * KL divergence over a built-in text or the user's own, see saved results beside size and speed,
 * and every quantization of the family on one chart.
 */
export function QualitySection({ file, hasLineage }: { file: ModelFile; hasLineage: boolean }) {
  const { t } = useTranslation();
  const client = useClient();
  const files = useLibraryStore((s) => s.snapshot?.files ?? []);
  const candidates = files.filter(
    (f) => f.path !== file.path && f.facts?.kind === 'model' && f.facts.architecture === file.facts?.architecture,
  );
  const [reference, setReference] = useState<string>('');
  const [sample, setSample] = useState<QualitySample>('en');
  const [text, setText] = useState('');
  const [maxTokens, setMaxTokens] = useState(128);
  const [progress, setProgress] = useState<Progressing | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const orpc = useOrpc();
  const queryClient = useQueryClient();
  const results = useQuery(orpc.quality.results.queryOptions({ input: { path: file.path } })).data ?? [];
  const family = useQuery(orpc.quality.family.queryOptions({ input: { path: file.path } })).data ?? null;
  const running = useRef<AbortController | null>(null);

  useEffect(() => () => running.current?.abort(), []);

  const referencePath = hasLineage ? null : reference || null;
  const canMeasure = (hasLineage || referencePath !== null) && (sample !== 'custom' || text.trim().length >= 8);

  const measure = async () => {
    const controller = new AbortController();
    running.current = controller;
    setProblem(null);
    setProgress({ type: 'progress', phase: 'reference', done: 0, total: maxTokens });
    try {
      const events = await client.quality.measure(
        { path: file.path, referencePath, sample, text, maxTokens },
        { signal: controller.signal },
      );
      for await (const e of events) if (e.type === 'progress') setProgress(e);
      // A saved result changes this file's table and its family's chart (other files' too).
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: orpc.quality.results.key() }),
        queryClient.invalidateQueries({ queryKey: orpc.quality.family.key() }),
      ]);
    } catch (error) {
      if (!controller.signal.aborted) setProblem(error);
    } finally {
      running.current = null;
      setProgress(null);
    }
  };

  return (
    <section data-testid="quality">
      <Title order={3} size="h5" mb="xs">
        {t('quantize.quality.title')}
      </Title>
      <Stack gap="sm">
        {hasLineage && family ? (
          <Text size="sm" c="dimmed">
            {t('quantize.quality.intro', { reference: family.sourcePath })}
          </Text>
        ) : (
          !hasLineage && (
            <NativeSelect
              label={t('quantize.quality.noReference')}
              value={reference}
              onChange={(e) => setReference(e.currentTarget.value)}
              data={[{ value: '', label: '—' }, ...candidates.map((f) => ({ value: f.path, label: f.displayName ?? f.relativePath }))]}
              data-testid="quality-reference"
            />
          )
        )}
        <SegmentedControl
          size="xs"
          value={sample}
          onChange={(v) => setSample(v as QualitySample)}
          data={(['en', 'zh', 'custom'] as const).map((s) => ({ value: s, label: t(`quantize.quality.samples.${s}`) }))}
          aria-label={t('quantize.quality.sample')}
          data-testid="quality-sample"
        />
        {sample === 'custom' && (
          <Textarea
            label={t('quantize.quality.customText')}
            autosize
            minRows={3}
            maxRows={8}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
        )}
        <NumberInput
          label={t('quantize.quality.maxTokens')}
          min={16}
          max={4096}
          step={64}
          value={maxTokens}
          onChange={(v) => typeof v === 'number' && setMaxTokens(v)}
          w={200}
        />
        <Group>
          {progress === null ? (
            <Button onClick={() => void measure()} disabled={!canMeasure} data-testid="quality-measure">
              {t('quantize.quality.measure')}
            </Button>
          ) : (
            <Button color="red" variant="light" onClick={() => running.current?.abort()}>
              {t('quantize.quality.stop')}
            </Button>
          )}
        </Group>
        {progress && (
          <Stack gap={4} data-testid="quality-progress">
            <Progress value={progress.total > 0 ? (progress.done / progress.total) * 100 : 0} aria-label={t('quantize.quality.measure')} />
            <Text size="xs" c="dimmed">
              {t(`quantize.quality.phase.${progress.phase}`, { done: progress.done, total: progress.total })}
            </Text>
          </Stack>
        )}
        <CallError error={problem} />
        <QualityTable results={results} />
        {family && <FamilyChart family={family} current={file.path} />}
      </Stack>
    </section>
  );
}
