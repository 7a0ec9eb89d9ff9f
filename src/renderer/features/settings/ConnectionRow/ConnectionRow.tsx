import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Connection } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { dropConnection, putConnection } from '../../../state/connections';
import { storedErrorText } from '../../../platform/errors';
import { ConfirmDialog } from '../../../ui/ConfirmDialog/ConfirmDialog';
import { useFormat } from '../../../ui/useFormat';
import { ConnectionForm } from '../ConnectionForm/ConnectionForm';
import { CallError } from '../../../ui/CallError/CallError';

/** One remote engine: where it is, what its last test found, and test / edit / delete. */
export function ConnectionRow({ connection }: { connection: Connection }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useClient();
  const [editing, setEditing] = useState(false);
  const [testing, setTesting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const test = connection.lastTest;

  const runTest = async () => {
    setTesting(true);
    setError(null);
    try {
      putConnection(await client.remote.test({ id: connection.id }));
    } catch (failure) {
      setError(failure);
    } finally {
      setTesting(false);
    }
  };

  if (editing) return <ConnectionForm connection={connection} onDone={() => setEditing(false)} />;

  const facts = test?.ok
    ? [
        test.version ? t('remote.connection.version', { version: test.version }) : null,
        test.capabilities.usageInStream === null ? null : t(test.capabilities.usageInStream ? 'remote.connection.usageInStream' : 'remote.connection.usageCounted'),
        test.capabilities.serverMetrics === 'timings'
          ? t('remote.connection.metricsTimings')
          : test.capabilities.serverMetrics === 'prometheus'
            ? t('remote.connection.metricsPrometheus')
            : null,
      ].filter((f): f is string => f !== null)
    : [];

  return (
    <Paper withBorder p="sm" data-testid="connection" data-name={connection.name}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs" wrap="wrap" style={{ minWidth: 0 }}>
            <Text fw={600}>{connection.name}</Text>
            <Badge variant="light" color="gray">
              {t(`remote.kind.${connection.kind}`)}
            </Badge>
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {connection.baseUrl}
            </Text>
          </Group>
          <Group gap={4}>
            <Button size="compact-sm" variant="light" loading={testing} onClick={() => void runTest()} data-testid="connection-test">
              {t('remote.connection.test')}
            </Button>
            <Button size="compact-sm" variant="default" onClick={() => setEditing(true)}>
              {t('remote.connection.edit')}
            </Button>
            <Button size="compact-sm" variant="subtle" color="red" onClick={() => setConfirming(true)} data-testid="connection-delete">
              {t('remote.connection.delete')}
            </Button>
          </Group>
        </Group>
        <Text size="sm" role="status" data-testid="connection-status" data-ok={test ? String(test.ok) : 'untested'}>
          {!test
            ? t('remote.connection.neverTested')
            : test.ok
              ? t('remote.connection.ok', { rtt: format.duration(test.rttMs ?? 0), count: test.models.length })
              : `${t('remote.connection.failed')}: ${storedErrorText(t, test.error)}`}
        </Text>
        {facts.length > 0 && (
          <Group gap={4}>
            {facts.map((f) => (
              <Badge key={f} size="sm" variant="outline" color="gray">
                {f}
              </Badge>
            ))}
          </Group>
        )}
        {test?.ok && test.models.length > 0 && (
          <Text size="xs" c="dimmed" data-testid="connection-models">
            {t('remote.connection.models')}: {test.models.join(', ')}
          </Text>
        )}
        <CallError error={error} />
      </Stack>
      <ConfirmDialog
        opened={confirming}
        title={t('remote.connection.deleteTitle', { name: connection.name })}
        body={t('remote.connection.deleteBody')}
        confirmLabel={t('remote.connection.delete')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void client.remote.delete({ id: connection.id }).then(() => dropConnection(connection.id), setError);
        }}
      />
    </Paper>
  );
}
