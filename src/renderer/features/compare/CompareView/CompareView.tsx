import { Alert, Stack, Tabs, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../../state/appStore';
import { describeCallError } from '../../../platform/errors';
import { compareHref, navigate, useRouteParam } from '../../../state/routes';
import { dismissError, openComparison, refreshList, refreshModels, setTab, takeBattleToRestore, useCompareStore, type CompareTab } from '../compareStore';
import { CompareWorkspace } from '../CompareWorkspace/CompareWorkspace';
import { Leaderboard } from '../Leaderboard/Leaderboard';
import { NewComparison } from '../NewComparison/NewComparison';
import { SavedComparisons } from '../SavedComparisons/SavedComparisons';
import { SuitesPanel } from '../SuitesPanel/SuitesPanel';

/** Compare: models side by side, the blind arena's leaderboard, prompt suites, saved comparisons. */
export function CompareView() {
  const { t } = useTranslation();
  const client = useClient();
  const param = useRouteParam();
  const current = useCompareStore((s) => s.current);
  const error = useCompareStore((s) => s.error);
  const tab = useCompareStore((s) => s.tab);
  const list = useCompareStore((s) => s.list);

  useEffect(() => {
    void refreshList(client);
    void refreshModels(client);
  }, [client]);

  useEffect(() => {
    if (param) void openComparison(client, param);
  }, [client, param]);

  // Compare opened without a comparison (a reload, the rail): an unvoted battle comes back.
  useEffect(() => {
    if (param || !list) return;
    const battle = takeBattleToRestore();
    if (battle) navigate(compareHref(battle.id), { replace: true });
  }, [param, list]);

  return (
    <Stack gap="sm">
      <div>
        <Title order={1} size="h3">
          {t('compare.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('compare.subtitle')}
        </Text>
      </div>
      {error != null && (
        <Alert color="red" variant="light" withCloseButton closeButtonLabel={t('common.close')} onClose={dismissError} role="alert" data-testid="compare-error">
          {describeCallError(t, error)}
        </Alert>
      )}
      <Tabs value={tab} onChange={(v) => setTab((v as CompareTab | null) ?? 'compare')} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="compare" data-testid="tab-compare">
            {t('compare.tab.compare')}
          </Tabs.Tab>
          <Tabs.Tab value="saved" data-testid="tab-saved">
            {t('compare.tab.saved')}
          </Tabs.Tab>
          <Tabs.Tab value="leaderboard" data-testid="tab-leaderboard">
            {t('compare.tab.leaderboard')}
          </Tabs.Tab>
          <Tabs.Tab value="suites" data-testid="tab-suites">
            {t('compare.tab.suites')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="compare" pt="md">
          {current ? <CompareWorkspace comparison={current} onShowLeaderboard={() => setTab('leaderboard')} /> : <NewComparison />}
        </Tabs.Panel>
        <Tabs.Panel value="saved" pt="md">
          <SavedComparisons onOpen={() => setTab('compare')} />
        </Tabs.Panel>
        <Tabs.Panel value="leaderboard" pt="md">
          <Leaderboard />
        </Tabs.Panel>
        <Tabs.Panel value="suites" pt="md">
          <SuitesPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
