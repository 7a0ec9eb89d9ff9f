import { Alert, Box, Button, Group, NavLink, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../../state/appStore';
import { describeCallError } from '../../../platform/errors';
import { Icon } from '../../../ui/Icon/Icon';
import { SuiteEditor } from '../SuiteEditor/SuiteEditor';
import { SuiteResult } from '../SuiteResult/SuiteResult';
import { SuiteRunForm } from '../SuiteRunForm/SuiteRunForm';
import { SuiteRuns } from '../SuiteRuns/SuiteRuns';
import { dismissSuitesError, refreshSuites, useSuitesStore, watchRuns } from '../suitesStore';

/** Prompt suites: write a set of prompts, run it across models as a batch, read the matrix. */
export function SuitesPanel() {
  const { t } = useTranslation();
  const client = useClient();
  const suites = useSuitesStore((s) => s.suites);
  const open = useSuitesStore((s) => s.open);
  const error = useSuitesStore((s) => s.error);
  // 'new' or a suite id.
  const [selected, setSelected] = useState<string>('new');
  const suite = suites?.find((s) => s.id === selected) ?? null;

  useEffect(() => {
    void refreshSuites(client);
    const controller = new AbortController();
    void watchRuns(client, controller.signal);
    return () => controller.abort();
  }, [client]);

  return (
    <Stack gap="md" data-testid="suites-panel">
      {error != null && (
        <Alert color="red" variant="light" withCloseButton closeButtonLabel={t('common.close')} onClose={dismissSuitesError} role="alert">
          {describeCallError(t, error)}
        </Alert>
      )}
      <Box style={{ display: 'grid', gridTemplateColumns: 'minmax(180px, 1fr) minmax(280px, 2fr) minmax(260px, 2fr)', gap: 'var(--mantine-spacing-md)' }}>
        <div>
          <Stack gap={4}>
            <Button variant="light" size="xs" leftSection={<Icon name="plus" size={14} />} onClick={() => setSelected('new')} data-testid="suite-new">
              {t('compare.suites.new')}
            </Button>
            {suites?.map((s) => (
              <NavLink key={s.id} label={s.name} description={t('compare.suites.promptCount', { count: s.prompts.length })} active={s.id === selected} onClick={() => setSelected(s.id)} data-testid="suite-item" />
            ))}
          </Stack>
        </div>
        <div>
          <Paper withBorder p="md">
            <Title order={3} size="h5" mb="xs">
              {suite ? suite.name : t('compare.suites.new')}
            </Title>
            <SuiteEditor key={selected} suite={suite} onSaved={(s) => setSelected(s.id)} />
            {suite && (
              <>
                <Text size="sm" fw={600} mt="md" mb={4}>
                  {t('compare.suites.runTitle')}
                </Text>
                <SuiteRunForm suite={suite} />
              </>
            )}
          </Paper>
        </div>
        <div>
          <Group mb="xs">
            <Title order={3} size="h5">
              {t('compare.suites.runs')}
            </Title>
          </Group>
          <SuiteRuns />
        </div>
      </Box>
      {open && <SuiteResult run={open} />}
    </Stack>
  );
}
