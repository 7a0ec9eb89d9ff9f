import { Alert, Button, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingLine } from '../../../../ui/LoadingLine/LoadingLine';
import type { ApiKeyInfo } from '../../../../../shared/contract';
import { describeCallError } from '../../../../platform/errors';
import { useOrpc } from '../../../../state/query';
import { ConfirmDialog } from '../../../../ui/ConfirmDialog/ConfirmDialog';
import { useFormat } from '../../../../ui/useFormat';
import { NewKeyForm } from '../NewKeyForm/NewKeyForm';
import { NewKeyModal } from '../NewKeyModal/NewKeyModal';
import { useApiKeys, useApiKeysChanged } from '../useApiKeys';

const columns = ['name', 'key', 'created', 'lastUsed', 'actions'] as const;

/** The API keys: which exist and when each was last used; create one (shown once), revoke one. */
export function ApiKeys() {
  const { t } = useTranslation();
  const format = useFormat();
  const orpc = useOrpc();
  const { keys, error } = useApiKeys();
  const changed = useApiKeysChanged();
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyInfo | null>(null);
  // Revoked here or elsewhere already (API_KEY_NOT_FOUND): either way the list shows what is left.
  const revokeKey = useMutation(orpc.api.keys.revoke.mutationOptions({ onSettled: changed }));

  const revoke = (key: ApiKeyInfo) => {
    setRevoking(null);
    revokeKey.mutate({ id: key.id });
  };

  const shownError = error ?? revokeKey.error;
  return (
    <Stack gap="sm" data-testid="api-keys">
      <div>
        <Title order={3} size="h6">
          {t('settings.localApi.keys.title')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('settings.localApi.keys.hint')}
        </Text>
      </div>
      {shownError !== null && (
        <Alert color="red" variant="light" role="alert" data-testid="api-keys-error">
          {describeCallError(t, shownError)}
        </Alert>
      )}
      {keys === null ? (
        error === null && <LoadingLine label={t('settings.localApi.keys.loading')} />
      ) : keys.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="api-keys-empty">
          {t('settings.localApi.keys.none')}
        </Text>
      ) : (
        <Table.ScrollContainer
          minWidth={560}
          // Scrolls in narrow windows: focusable, so the keyboard can scroll it too.
          scrollAreaProps={{ viewportProps: { tabIndex: 0, role: 'region', 'aria-label': t('settings.localApi.keys.tableLabel') } }}
        >
          <Table verticalSpacing="xs" fz="sm" aria-label={t('settings.localApi.keys.tableLabel')} data-testid="api-key-table">
            <Table.Thead>
              <Table.Tr>
                {columns.map((column) => (
                  <Table.Th key={column} scope="col" style={{ whiteSpace: 'nowrap' }}>
                    {t(`settings.localApi.keys.column.${column}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.map((key) => (
                <Table.Tr key={key.id} data-testid="api-key-row" data-name={key.name}>
                  <Table.Th scope="row" fw={500} style={{ overflowWrap: 'anywhere' }}>
                    {key.name}
                  </Table.Th>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {key.prefix}…
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(key.createdAt)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {key.lastUsedAt === null ? t('settings.localApi.keys.never') : format.dateTime(key.lastUsedAt)}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      onClick={() => setRevoking(key)}
                      aria-label={t('settings.localApi.keys.revokeLabel', { name: key.name })}
                      data-testid="api-key-revoke"
                    >
                      {t('settings.localApi.keys.revoke')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <NewKeyForm onCreated={setCreated} />
      <NewKeyModal created={created} onDone={() => setCreated(null)} />
      <ConfirmDialog
        opened={revoking !== null}
        title={t('settings.localApi.keys.revokeTitle', { name: revoking?.name ?? '' })}
        body={t('settings.localApi.keys.revokeBody')}
        confirmLabel={t('settings.localApi.keys.revoke')}
        onConfirm={() => revoking && revoke(revoking)}
        onCancel={() => setRevoking(null)}
      />
    </Stack>
  );
}
