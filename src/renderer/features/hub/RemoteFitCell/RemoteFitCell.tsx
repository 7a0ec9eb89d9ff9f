import { Button, Loader, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../../state/appStore';
import { describeCallError } from '../../../platform/errors';
import { FitLabelBadge, useFitDetails } from '../../../ui/FitLabelBadge/FitLabelBadge';
import { checkFit, fitKey, useHubStore } from '../hubStore';

/** "Will it run here?" for a remote file: its header is read with range requests, nothing downloaded. */
export function RemoteFitCell({ repoId, revision, path, contextSize }: { repoId: string; revision: string | null; path: string; contextSize: number }) {
  const { t } = useTranslation();
  const client = useClient();
  const details = useFitDetails();
  const state = useHubStore((s) => s.fits[fitKey(repoId, path, contextSize)]);
  const check = () => void checkFit(client, repoId, path, revision, contextSize);

  if (!state) {
    return (
      <Button size="compact-sm" variant="light" onClick={check} data-testid="hub-check-fit">
        {t('hub.fit.check')}
      </Button>
    );
  }
  if (state.status === 'loading') return <Loader size="xs" aria-label={t('hub.fit.reading')} data-testid="fit-pending" />;
  if (state.status === 'error') {
    return (
      <Tooltip label={describeCallError(t, state.error)} multiline w={300}>
        <Button size="compact-sm" variant="subtle" color="red" onClick={check} data-testid="hub-fit-error">
          {t('hub.fit.failed')}
        </Button>
      </Tooltip>
    );
  }
  return (
    <Stack gap={2}>
      <FitLabelBadge fit={state.value.fit} />
      <Text size="xs" c="dimmed" data-testid="hub-fit-details">
        {details(state.value.fit)}
      </Text>
    </Stack>
  );
}
