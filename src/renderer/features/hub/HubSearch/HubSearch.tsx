import { Anchor, Badge, Group, Loader, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { HubSort } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { useHubStatus } from '../../../state/hubStatus';
import { hubModelHref } from '../../../state/routes';
import { Icon } from '../../../ui/Icon/Icon';
import { useFormat } from '../../../ui/useFormat';
import { HubError } from '../HubError/HubError';
import { search, useHubStore } from '../hubStore';

const SEARCH_DELAY_MS = 350;

/** GGUF models on the Hub (or the configured mirror), searched as you type. */
export function HubSearch() {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useClient();
  const query = useHubStore((s) => s.query);
  const sort = useHubStore((s) => s.sort);
  const results = useHubStore((s) => s.results);
  const endpoint = useHubStatus().status?.endpoint ?? null;

  useEffect(() => {
    const timer = setTimeout(() => void search(client), query ? SEARCH_DELAY_MS : 0);
    return () => clearTimeout(timer);
  }, [client, query, sort]);

  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {t('hub.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {endpoint ? t('hub.subtitle', { endpoint }) : t('hub.subtitleNoEndpoint')}
        </Text>
      </div>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('hub.search.label')}
          placeholder={t('hub.search.placeholder')}
          leftSection={<Icon name="search" size={16} />}
          value={query}
          onChange={(e) => useHubStore.setState({ query: e.currentTarget.value })}
          onKeyDown={(e) => e.key === 'Enter' && void search(client)}
          w={360}
          data-testid="hub-search"
        />
        <div>
          <Text size="sm" fw={500} mb={4} id="hub-sort-label">
            {t('hub.sort.label')}
          </Text>
          <SegmentedControl
            aria-labelledby="hub-sort-label"
            value={sort}
            onChange={(value) => useHubStore.setState({ sort: value as HubSort })}
            data={(['downloads', 'likes', 'lastModified'] as const).map((value) => ({ value, label: t(`hub.sort.${value}`) }))}
            data-testid="hub-sort"
          />
        </div>
      </Group>

      {results?.status === 'loading' && <Loader size="sm" aria-label={t('hub.search.searching')} />}
      {results?.status === 'error' && <HubError error={results.error} onRetry={() => void search(client)} />}
      {results?.status === 'done' && results.value.length === 0 && (
        <Text c="dimmed" data-testid="hub-no-results">
          {t('hub.search.none', { query })}
        </Text>
      )}
      {results?.status === 'done' && results.value.length > 0 && (
        <Table highlightOnHover data-testid="hub-results">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('hub.column.model')}</Table.Th>
              <Table.Th ta="right">{t('hub.column.downloads')}</Table.Th>
              <Table.Th ta="right">{t('hub.column.likes')}</Table.Th>
              <Table.Th>{t('hub.column.updated')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {results.value.map((m) => (
              <Table.Tr key={m.id} data-testid="hub-result">
                <Table.Td>
                  <Group gap="xs">
                    <Anchor href={hubModelHref(m.id)} data-testid="hub-result-link">
                      {m.id}
                    </Anchor>
                    {m.gated && (
                      <Badge size="xs" color="orange" variant="light">
                        {t('hub.gated')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td ta="right">{format.integer(m.downloads)}</Table.Td>
                <Table.Td ta="right">{format.integer(m.likes)}</Table.Td>
                <Table.Td>{m.lastModified ? format.when(m.lastModified) : t('common.none')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
