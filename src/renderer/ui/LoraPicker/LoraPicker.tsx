import { Checkbox, Group, NumberInput, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LoraAdapter } from '../../../shared/contract';
import { useAdapters } from '../../state/adapters';

/** LoRA adapters that fit this model, each attachable with a scale (applied at the next load). */
export function LoraPicker({ path, value, onChange }: { path: string; value: LoraAdapter[]; onChange: (lora: LoraAdapter[]) => void }) {
  const { t } = useTranslation();
  const compatible = useAdapters(path)?.filter((a) => a.compatible) ?? [];
  if (compatible.length === 0) return null;
  const attached = new Map(value.map((a) => [a.path, a.scale]));
  const toggle = (adapter: string, on: boolean) =>
    onChange(on ? [...value.filter((a) => a.path !== adapter), { path: adapter, scale: 1 }] : value.filter((a) => a.path !== adapter));
  return (
    <Stack gap={6} data-testid="lora-picker">
      <Text size="sm" fw={500}>
        {t('quantize.lora.title')}
      </Text>
      {compatible.map((a) => (
        <Group key={a.path} gap="xs" wrap="nowrap">
          <Checkbox
            label={a.name ?? a.path}
            checked={attached.has(a.path)}
            onChange={(e) => toggle(a.path, e.currentTarget.checked)}
            data-testid="lora-attach"
          />
          {attached.has(a.path) && (
            <NumberInput
              size="xs"
              w={90}
              step={0.1}
              min={-4}
              max={4}
              decimalScale={2}
              aria-label={t('quantize.lora.attach')}
              value={attached.get(a.path)}
              onChange={(v) => typeof v === 'number' && onChange(value.map((x) => (x.path === a.path ? { ...x, scale: v } : x)))}
            />
          )}
        </Group>
      ))}
    </Stack>
  );
}
