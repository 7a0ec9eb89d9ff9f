import { Alert, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useModelName } from '../../../state/connections';
import type { Comparison, VoteOutcome } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { vote } from '../compareStore';

const outcomes: VoteOutcome[] = ['a', 'b', 'tie', 'both_bad'];

/** Under a blind comparison: the vote while hidden, then who was who. */
export function VoteBar({ comparison, onShowLeaderboard }: { comparison: Comparison; onShowLeaderboard: () => void }) {
  const { t } = useTranslation();
  const modelName = useModelName();
  const client = useClient();
  const votedRound = comparison.votes[0]?.round ?? null;

  if (comparison.revealed) {
    const [a, b] = comparison.panes;
    const outcome = comparison.votes[0]?.outcome;
    return (
      <Alert color="teal" variant="light" data-testid="vote-revealed" title={outcome ? t('compare.vote.recorded', { outcome: t(`compare.vote.outcome.${outcome}`) }) : undefined}>
        <Group gap="md" justify="space-between">
          <Text size="sm" data-testid="vote-identities">
            {t('compare.vote.identities', { a: a?.model ? modelName(a.model) : '—', b: b?.model ? modelName(b.model) : '—' })}
          </Text>
          <Button size="compact-sm" variant="light" onClick={onShowLeaderboard} data-testid="vote-show-leaderboard">
            {t('compare.vote.showLeaderboard')}
          </Button>
        </Group>
      </Alert>
    );
  }

  const rounds = comparison.results.map((r) => r.round);
  const round = rounds.length ? Math.max(...rounds) : null;
  const answered = round !== null && comparison.results.filter((r) => r.round === round).length === comparison.panes.length;
  return (
    <Group gap="xs" justify="center" data-testid="vote-bar" role="group" aria-label={t('compare.vote.label')}>
      <Text size="sm" fw={500}>
        {answered ? t('compare.vote.question') : t('compare.vote.waiting')}
      </Text>
      {outcomes.map((outcome) => (
        <Button
          key={outcome}
          size="compact-sm"
          variant={outcome === 'a' || outcome === 'b' ? 'filled' : 'default'}
          disabled={!answered || votedRound !== null}
          onClick={() => round !== null && void vote(client, round, outcome)}
          data-testid={`vote-${outcome}`}
        >
          {t(`compare.vote.outcome.${outcome}`)}
        </Button>
      ))}
    </Group>
  );
}
