import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MachineState } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { useFormat } from '../../../ui/useFormat';
import { Section } from '../../../ui/Section/Section';
import { CallError } from '../../../ui/CallError/CallError';

/** The machine results are kept with: CPU, memory, GPU, the engine build, and the measured bandwidth. */
export function MachineCard({ state, onChanged }: { state: MachineState | null; onChanged: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const format = useFormat();
  const [measuring, setMeasuring] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  if (!state) return null;
  const { machine, bandwidth, engine } = state;

  const measure = async () => {
    setMeasuring(true);
    setProblem(null);
    try {
      await client.bench.measureBandwidth();
      onChanged();
    } catch (error) {
      setProblem(error);
    } finally {
      setMeasuring(false);
    }
  };

  const rows: Array<[string, string]> = [
    [t('bench.machine.cpu'), machine.cpuModel],
    [t('bench.machine.flags'), machine.cpuFlags.join(' ') || t('common.none')],
    [t('bench.machine.cores'), t('bench.machine.coresValue', { logical: machine.logicalCores, math: machine.mathCores })],
    [t('bench.machine.memory'), format.memory(machine.memoryBytes)],
    [t('bench.machine.gpu'), machine.gpuNames.length > 0 ? `${machine.gpuNames.join(', ')} (${machine.gpuBackend})` : t('bench.machine.noGpu')],
    [
      t('bench.machine.bandwidth'),
      bandwidth
        ? t('bench.machine.bandwidthValue', { rate: format.bytes(bandwidth.bytesPerSecond), threads: bandwidth.threads })
        : t('bench.machine.bandwidthUnknown'),
    ],
  ];
  return (
    <Section title={t('bench.machine.title')} testId="bench-machine">
      <Table withRowBorders={false} verticalSpacing={2}>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={220} fw={500}>
                {label}
              </Table.Th>
              <Table.Td data-testid={label === t('bench.machine.bandwidth') ? 'bench-bandwidth' : undefined}>{value}</Table.Td>
            </Table.Tr>
          ))}
          {engine && (
            <Table.Tr>
              <Table.Th fw={500}>{t('bench.machine.engine')}</Table.Th>
              <Table.Td>
                <Group gap="xs">
                  <Badge variant="light" data-testid="bench-engine-kind" data-kind={engine.kind}>
                    {t(`bench.engineKind.${engine.kind}`)}
                  </Badge>
                  <Text size="sm">
                    {t('bench.machine.engineValue', { kind: engine.backend, release: engine.llamaCppRelease, version: engine.nodeLlamaCppVersion })}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed" mt={2}>
                  {engine.systemInfo}
                </Text>
                {engine.fallbackReason && (
                  <Text size="xs" c="orange" mt={2}>
                    {t('bench.machine.fallback', { reason: engine.fallbackReason })}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <Stack gap={4}>
        <Group>
          <Button variant="light" size="xs" loading={measuring} onClick={() => void measure()} data-testid="bench-measure-bandwidth">
            {measuring ? t('bench.machine.measuring') : t('bench.machine.measure')}
          </Button>
        </Group>
        <CallError error={problem} />
      </Stack>
    </Section>
  );
}
