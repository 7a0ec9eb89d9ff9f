import { Group, NumberInput, SegmentedControl, Switch, Text, TextInput, Tooltip } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Comparison } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { setPaneCount, updateOptions, useCompareStore } from '../compareStore';

/** How the comparison runs: pane count, parallel or sequential, seed, warm-up, tag. */
export function CompareOptionsBar({ comparison }: { comparison: Comparison }) {
  const { t } = useTranslation();
  const client = useClient();
  const sending = useCompareStore((s) => s.sending);
  const { options } = comparison;
  const runModeId = useId();
  const panesId = useId();
  const hasRounds = comparison.results.length > 0;

  return (
    <Group gap="md" wrap="wrap" data-testid="compare-options">
      {!options.blind && (
        <Group gap={6} wrap="nowrap">
          <Text size="xs" id={panesId}>
            {t('compare.options.panes')}
          </Text>
          <SegmentedControl
            size="xs"
            value={String(comparison.panes.length)}
            disabled={sending || hasRounds}
            onChange={(v) => void setPaneCount(client, Number(v))}
            data={['2', '3', '4']}
            aria-labelledby={panesId}
            data-testid="compare-pane-count"
          />
        </Group>
      )}
      <Group gap={6} wrap="nowrap">
        <Text size="xs" id={runModeId}>
          {t('compare.options.runMode')}
        </Text>
        <Tooltip label={t(`compare.runModeHint.${options.runMode}`)} multiline w={280}>
          <SegmentedControl
            size="xs"
            value={options.runMode}
            disabled={sending}
            onChange={(v) => void updateOptions(client, { runMode: v as 'parallel' | 'sequential' })}
            data={[
              { value: 'parallel', label: t('compare.runMode.parallel') },
              { value: 'sequential', label: t('compare.runMode.sequential') },
            ]}
            aria-labelledby={runModeId}
            data-testid="compare-run-mode"
          />
        </Tooltip>
      </Group>
      <Switch
        size="xs"
        label={t('compare.options.sameSeed')}
        checked={options.sameSeed}
        disabled={sending}
        onChange={(e) => void updateOptions(client, { sameSeed: e.currentTarget.checked })}
        data-testid="compare-same-seed"
      />
      {options.sameSeed && (
        <NumberInput
          size="xs"
          w={110}
          aria-label={t('compare.options.seed')}
          leftSection={<Text size="xs">{t('compare.options.seedShort')}</Text>}
          leftSectionWidth={44}
          min={0}
          max={2 ** 32 - 1}
          defaultValue={options.seed}
          disabled={sending}
          onBlur={(e) => {
            const seed = Number(e.currentTarget.value.replaceAll(',', ''));
            if (Number.isInteger(seed) && seed >= 0 && seed !== options.seed) void updateOptions(client, { seed });
          }}
          data-testid="compare-seed"
        />
      )}
      <Tooltip label={t('compare.options.warmUpHint')} multiline w={260}>
        <Switch
          size="xs"
          label={t('compare.options.warmUp')}
          checked={options.warmUp}
          disabled={sending}
          onChange={(e) => void updateOptions(client, { warmUp: e.currentTarget.checked })}
          data-testid="compare-warm-up"
        />
      </Tooltip>
      <TextInput
        size="xs"
        w={140}
        aria-label={t('compare.options.tag')}
        placeholder={t('compare.options.tagPlaceholder')}
        defaultValue={options.tag}
        disabled={sending || (options.blind && comparison.revealed)}
        onBlur={(e) => e.currentTarget.value.trim() !== options.tag && void updateOptions(client, { tag: e.currentTarget.value.trim() })}
        data-testid="compare-tag"
      />
    </Group>
  );
}
