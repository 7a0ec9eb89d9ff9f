import { Badge, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAdapters } from '../../../state/adapters';

/** LoRA adapters in the library, checked against this model: those that fit, and why others do not. */
export function AdaptersSection({ path }: { path: string }) {
  const { t } = useTranslation();
  const adapters = useAdapters(path);
  if (!adapters) return null;
  return (
    <section data-testid="adapters">
      <Title order={3} size="h5" mb="xs">
        {t('quantize.lora.title')}
      </Title>
      {adapters.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('quantize.lora.none')}
        </Text>
      ) : (
        <List spacing="xs" listStyleType="none" ml={0}>
          {adapters.map((a) => (
            <List.Item key={a.path} data-testid="adapter" data-compatible={a.compatible}>
              <Stack gap={2}>
                <Group gap="xs">
                  <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                    {a.name ?? a.path}
                  </Text>
                  {a.compatible && (
                    <Badge size="sm" color="green" variant="light">
                      {t('quantize.lora.fits')}
                    </Badge>
                  )}
                </Group>
                {!a.compatible && a.reason && (
                  <Text size="xs" c="dimmed">
                    {t('quantize.lora.reasonWithDetail', { reason: t(`quantize.lora.reason.${a.reason}`), detail: a.detail })}
                  </Text>
                )}
              </Stack>
            </List.Item>
          ))}
        </List>
      )}
    </section>
  );
}
