import { Alert, Button, Center, Group, Loader, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeCallError } from '../../../platform/errors';
import { Section } from '../../../ui/Section/Section';
import { ApiLogEmpty } from '../ApiLogEmpty/ApiLogEmpty';
import { ApiLogRow } from '../ApiLogRow/ApiLogRow';
import { useApiLog } from '../useApiLog';

const columns = ['time', 'client', 'key', 'endpoint', 'model', 'status', 'tokens', 'ttft', 'speed', 'duration'] as const;

/** Every request to the API, newest first, live; older pages on demand. */
export function ApiLog() {
  const { t } = useTranslation();
  const { entries, hasOlder, loadingOlder, error, loadOlder } = useApiLog();

  return (
    <Section title={t('api.log.title')} description={t('api.log.hint')} testId="api-log">
      {error !== null && (
        <Alert color="red" variant="light" role="alert" data-testid="api-log-error-alert">
          {describeCallError(t, error)}
        </Alert>
      )}
      {entries === null ? (
        error === null && (
          <Center py="md">
            <Loader size="sm" aria-label={t('api.log.loading')} />
          </Center>
        )
      ) : entries.length === 0 ? (
        <ApiLogEmpty />
      ) : (
        <>
          <Text size="xs" c="dimmed" role="status" data-testid="api-log-count">
            {t('api.log.shown', { count: entries.length })}
          </Text>
          {/* Wider than most windows: the scrolling region takes focus, so the keyboard can scroll it. */}
          <Table.ScrollContainer
            minWidth={1100}
            scrollAreaProps={{ viewportProps: { tabIndex: 0, role: 'region', 'aria-label': t('api.log.tableLabel') } }}
          >
            <Table verticalSpacing={6} fz="xs" highlightOnHover aria-label={t('api.log.tableLabel')} data-testid="api-log-table">
              <Table.Thead>
                <Table.Tr>
                  {columns.map((column) => (
                    <Table.Th key={column} scope="col" style={{ whiteSpace: 'nowrap' }}>
                      {t(`api.log.column.${column}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((entry) => (
                  <ApiLogRow key={entry.id} entry={entry} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {hasOlder && (
            <Group justify="center">
              <Button variant="default" size="xs" loading={loadingOlder} onClick={loadOlder} data-testid="api-log-older">
                {t('api.log.loadOlder')}
              </Button>
            </Group>
          )}
        </>
      )}
    </Section>
  );
}
