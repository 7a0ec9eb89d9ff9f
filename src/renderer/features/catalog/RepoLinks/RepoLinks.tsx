import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CatalogRepo } from '../../../../shared/contract';
import { hubModelHref } from '../../../state/routes';
import { localized } from '../catalogFormat';

/** Recommended Hugging Face repositories, each opening its page in Caliper's Hub view. */
export function RepoLinks({ repos }: { repos: readonly CatalogRepo[] }) {
  const { t, i18n } = useTranslation();
  if (repos.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('catalog.card.noRepos')}
      </Text>
    );
  }
  return (
    <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {repos.map((repo) => (
        <li key={repo.repoId}>
          <Group gap="xs" wrap="wrap">
            <Anchor href={hubModelHref(repo.repoId)} size="sm" ff="monospace" data-testid="repo-link" data-repo={repo.repoId}>
              {repo.repoId}
            </Anchor>
            {repo.format === 'original' && (
              <Badge size="xs" variant="outline" color="gray" tt="none">
                {t('catalog.card.original')}
              </Badge>
            )}
          </Group>
          {repo.note && (
            <Text size="xs" c="dimmed">
              {localized(repo.note, i18n.language)}
            </Text>
          )}
        </li>
      ))}
    </Stack>
  );
}
