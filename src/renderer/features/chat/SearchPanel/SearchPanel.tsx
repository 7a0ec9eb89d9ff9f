import { Checkbox, Group, Loader, NativeSelect, Stack, Text, UnstyledButton } from '@mantine/core';
import { memo, useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Virtuoso } from 'react-virtuoso';
import { ModelSelect } from '../../../ui/ModelSelect/ModelSelect';
import type { SearchHit } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { describeCallError } from '../../../platform/errors';
import { useFormat } from '../../../ui/useFormat';
import { useChatModels } from '../chatModels';
import { openHit } from '../highlight';
import { HighlightedText } from '../HighlightedText/HighlightedText';
import { loadMoreHits, setFilters, useSearchStore, type SearchFilters } from '../searchStore';
import { titleOf } from '../titleOf';
import classes from './SearchPanel.module.css';

interface SearchPanelProps {
  shownId: string | null;
  onFiltersChanged: () => void;
}

/** Filters, then the hits, best first, with the matched words marked; more load as it scrolls. */
export function SearchPanel({ shownId, onFiltersChanged }: SearchPanelProps) {
  const { t } = useTranslation();
  const client = useClient();
  const { hits, error, busy, scope } = useSearchStore();
  const more = useCallback(() => void loadMoreHits(client, shownId), [client, shownId]);
  const itemContent = useCallback((_: number, hit: SearchHit) => <SearchHitItem hit={hit} />, []);

  return (
    <Stack gap={0} className={classes.panel} data-testid="search-results" aria-busy={busy}>
      <Filters shownId={shownId} onChange={onFiltersChanged} />
      {error !== null && (
        <Text size="xs" c="red" px="md" role="alert">
          {describeCallError(t, error)}
        </Text>
      )}
      {busy && hits === null && <Loader size="xs" m="md" aria-label={t('chat.list.searching')} />}
      {hits?.length === 0 && (
        <Text size="sm" c="dimmed" px="md" py="sm" data-testid="search-empty">
          {t('chat.list.noHits')}
        </Text>
      )}
      {scope === 'recent' && hits !== null && (
        <Text size="xs" c="dimmed" px="md" pb={4} data-testid="search-recent-only">
          {t('history.search.recentOnly')}
        </Text>
      )}
      {hits && hits.length > 0 && (
        <div className={classes.scroller}>
          <Virtuoso
            data={hits}
            computeItemKey={(_, h) => h.messageId}
            itemContent={itemContent}
            endReached={more}
            style={{ height: '100%' }}
            components={{ Footer: HitsFooter }}
          />
        </div>
      )}
    </Stack>
  );
}

function HitsFooter() {
  const { t } = useTranslation();
  const loading = useSearchStore((s) => s.busy && s.hits !== null);
  return loading ? <Loader size="xs" m="sm" aria-label={t('history.search.more')} /> : <div style={{ height: 8 }} />;
}

function Filters({ shownId, onChange }: { shownId: string | null; onChange: () => void }) {
  const { t } = useTranslation();
  const filters = useSearchStore((s) => s.filters);
  const models = useChatModels();
  const change = (patch: Partial<SearchFilters>) => {
    setFilters(patch);
    onChange();
  };
  return (
    <Stack gap={6} px="sm" pb="xs" role="group" aria-label={t('history.search.filters')} data-testid="search-filters">
      <Group gap={6} grow wrap="nowrap">
        <NativeSelect
          size="xs"
          aria-label={t('history.search.source')}
          value={filters.source}
          onChange={(e) => change({ source: e.currentTarget.value as SearchFilters['source'] })}
          data={(['all', 'chat', 'compare'] as const).map((v) => ({ value: v, label: t(`history.search.sources.${v}`) }))}
          data-testid="search-source"
        />
        <NativeSelect
          size="xs"
          aria-label={t('history.search.role')}
          value={filters.role}
          onChange={(e) => change({ role: e.currentTarget.value as SearchFilters['role'] })}
          data={(['any', 'user', 'assistant'] as const).map((v) => ({ value: v, label: t(`history.search.roles.${v}`) }))}
          data-testid="search-role"
        />
      </Group>
      <ModelSelect
        size="xs"
        aria-label={t('history.search.model')}
        files={models}
        value={filters.model}
        onChange={(model) => change({ model })}
        placeholder={t('history.search.anyModel')}
        missingLabel={(name) => name}
        data-testid="search-model"
      />
      {shownId && (
        <Checkbox
          size="xs"
          label={t('history.search.here')}
          checked={filters.here}
          onChange={(e) => change({ here: e.currentTarget.checked })}
          data-testid="search-here"
        />
      )}
    </Stack>
  );
}

const SearchHitItem = memo(function SearchHitItem({ hit }: { hit: SearchHit }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className={classes.row}>
      <UnstyledButton
        className={classes.hit}
        onClick={() => openHit(hit)}
        data-testid="search-hit"
        data-message-id={hit.messageId}
        data-conversation-id={hit.conversationId}
        data-kind={hit.kind}
      >
        <Group gap={4} wrap="nowrap" justify="space-between">
          <Text size="sm" fw={500} truncate="end">
            {hit.kind === 'compare' ? t('history.search.compareHit') : titleOf(t, hit.title)}
          </Text>
          <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
            {format.when(hit.createdAt)}
          </Text>
        </Group>
        <Text size="xs" c="dimmed" lineClamp={3} data-testid="search-snippet">
          <Text span size="xs" fw={600} c="dimmed">
            {hit.role === 'user' ? t('chat.message.user') : t('chat.message.assistant')}:{' '}
          </Text>
          <HighlightedText text={hit.snippet} highlights={hit.highlights} />
        </Text>
      </UnstyledButton>
    </div>
  );
});
