import { Button, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { modelKey } from '../../../../shared/contract';
import { useModelName } from '../../../state/connections';
import type { Leaderboard as Board } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { describeCallError } from '../../../platform/errors';
import { scale } from '../../../ui/Chart/chartScales';
import { Icon } from '../../../ui/Icon/Icon';
import { useFormat } from '../../../ui/useFormat';
import { newBlindBattle } from '../compareCommands';

const BAR_WIDTH = 160;

/** Ratings from blind votes (Bradley–Terry, Elo scale) with their 95% intervals, per tag. */
export function Leaderboard() {
  const { t } = useTranslation();
  const modelName = useModelName();
  const client = useClient();
  const format = useFormat();
  const [tag, setTag] = useState<string | null>(null);
  const [state, setState] = useState<{ board: Board | null; error: unknown }>({ board: null, error: null });

  useEffect(() => {
    let alive = true;
    client.arena
      .leaderboard({ tag })
      .then((board) => alive && setState({ board, error: null }))
      .catch((error: unknown) => alive && setState({ board: null, error }));
    return () => {
      alive = false;
    };
  }, [client, tag]);

  const { board, error } = state;
  if (error)
    return (
      <Text c="red" role="alert">
        {describeCallError(t, error)}
      </Text>
    );
  if (!board) return null;
  const low = Math.min(...board.entries.map((e) => e.low));
  const high = Math.max(...board.entries.map((e) => e.high));
  // Every interval on one scale, so the rows compare at a glance.
  const x = scale('linear', [low, high], 4, BAR_WIDTH - 4);

  return (
    <div data-testid="leaderboard" data-votes={board.votes}>
      <Group gap="md" mb="sm" align="flex-end">
        <NativeSelect
          label={t('compare.leaderboard.tag')}
          value={tag ?? ''}
          onChange={(e) => setTag(e.currentTarget.value || null)}
          data={[{ value: '', label: t('compare.leaderboard.allTags') }, ...board.tags.map((v) => ({ value: v, label: v }))]}
          data-testid="leaderboard-tag"
        />
        <Text size="sm" c="dimmed" data-testid="leaderboard-votes">
          {t('compare.leaderboard.votes', { count: board.votes, value: format.integer(board.votes) })}
        </Text>
      </Group>
      {board.entries.length === 0 ? (
        <Stack gap="sm" align="flex-start" data-testid="leaderboard-empty">
          <Text c="dimmed">{t('compare.leaderboard.empty')}</Text>
          <Button leftSection={<Icon name="compare" size={16} />} onClick={newBlindBattle} data-testid="leaderboard-start-blind">
            {t('shell.commands.newBlindBattle')}
          </Button>
        </Stack>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('compare.leaderboard.rank')}</Table.Th>
              <Table.Th>{t('compare.leaderboard.model')}</Table.Th>
              <Table.Th>{t('compare.leaderboard.rating')}</Table.Th>
              <Table.Th>{t('compare.leaderboard.interval')}</Table.Th>
              <Table.Th>{t('compare.leaderboard.record')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {board.entries.map((e, i) => (
              <Table.Tr
                key={modelKey(e.model)}
                data-testid="leaderboard-row"
                data-model={modelName(e.model)}
                data-rating={Math.round(e.rating)}
                data-games={e.games}
              >
                <Table.Td>{format.integer(i + 1)}</Table.Td>
                <Table.Td>{modelName(e.model)}</Table.Td>
                <Table.Td>{format.integer(Math.round(e.rating))}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <svg width={BAR_WIDTH} height={14} aria-hidden="true">
                      <line x1={x(e.low)} x2={x(e.high)} y1={7} y2={7} stroke="currentColor" strokeWidth={2} />
                      <circle cx={x(e.rating)} cy={7} r={4} fill="var(--mantine-primary-color-filled)" />
                    </svg>
                    <Text size="xs">
                      {t('compare.leaderboard.range', { low: format.integer(Math.round(e.low)), high: format.integer(Math.round(e.high)) })}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td>
                  {t('compare.leaderboard.wtl', {
                    wins: format.integer(e.wins),
                    ties: format.integer(e.ties),
                    losses: format.integer(e.losses),
                  })}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Text size="xs" c="dimmed" mt="sm">
        {t('compare.leaderboard.method')}
      </Text>
    </div>
  );
}
