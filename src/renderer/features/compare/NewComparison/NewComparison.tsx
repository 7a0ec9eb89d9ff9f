import { Button, Checkbox, Group, Paper, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sameModel, type ModelRef } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { GetStarted } from '../../../ui/GetStarted/GetStarted';
import { ModelSelect } from '../../../ui/ModelSelect/ModelSelect';
import { createComparison, loadPane, useCompareStore } from '../compareStore';

/** Start a side-by-side comparison (2–4 panes) or a blind battle of two models. */
export function NewComparison() {
  const { t } = useTranslation();
  const client = useClient();
  const models = useCompareStore((s) => s.models);
  const [count, setCount] = useState('2');
  const [a, setA] = useState<ModelRef | null>(null);
  const [b, setB] = useState<ModelRef | null>(null);
  const [tag, setTag] = useState('');
  const [loadNow, setLoadNow] = useState(true);
  const countId = useId();
  const same = sameModel(a, b) && a !== null;
  const firstBlind = useRef<HTMLSelectElement>(null);
  const blindFocus = useCompareStore((s) => s.blindFocus);
  useEffect(() => {
    if (blindFocus > 0) firstBlind.current?.focus();
  }, [blindFocus]);

  const startBlind = async () => {
    const comparison = await createComparison(client, [{ model: a }, { model: b }], { blind: true, tag: tag.trim() });
    if (comparison && loadNow) await Promise.all(comparison.panes.map((p) => loadPane(client, p.position)));
  };

  if (models && models.length === 0) {
    return (
      <GetStarted order={2} title={t('compare.emptyTitle')} description={t('compare.empty')} testId="compare-empty" />
    );
  }

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Paper withBorder p="lg" component="section" aria-label={t('compare.start.title')}>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('compare.start.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('compare.start.description')}
          </Text>
          <Group gap="xs">
            <Text size="sm" id={countId}>
              {t('compare.options.panes')}
            </Text>
            <SegmentedControl value={count} onChange={setCount} data={['2', '3', '4']} aria-labelledby={countId} data-testid="new-pane-count" />
          </Group>
          <Button
            onClick={() => void createComparison(client, Array.from({ length: Number(count) }, () => ({})), {})}
            data-testid="start-comparison"
            style={{ alignSelf: 'flex-start' }}
          >
            {t('compare.start.button')}
          </Button>
        </Stack>
      </Paper>
      <Paper withBorder p="lg" component="section" aria-label={t('compare.blind.title')}>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('compare.blind.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('compare.blind.description')}
          </Text>
          <ModelSelect label={t('compare.blind.first')} ref={firstBlind} files={models} value={a} onChange={setA} placeholder={t('compare.pane.chooseModel')} missingLabel={(name) => name} data-testid="blind-model-a" />
          <ModelSelect label={t('compare.blind.second')} files={models} value={b} onChange={setB} placeholder={t('compare.pane.chooseModel')} missingLabel={(name) => name} data-testid="blind-model-b" />
          <TextInput label={t('compare.options.tag')} placeholder={t('compare.options.tagPlaceholder')} value={tag} onChange={(e) => setTag(e.currentTarget.value)} data-testid="blind-tag" />
          <Checkbox label={t('compare.blind.loadNow')} checked={loadNow} onChange={(e) => setLoadNow(e.currentTarget.checked)} />
          <Button disabled={!a || !b || same} onClick={() => void startBlind()} data-testid="start-blind" style={{ alignSelf: 'flex-start' }}>
            {t('compare.blind.button')}
          </Button>
          {same && (
            <Text size="xs" c="red">
              {t('compare.blind.sameModel')}
            </Text>
          )}
        </Stack>
      </Paper>
    </SimpleGrid>
  );
}
