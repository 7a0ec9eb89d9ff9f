import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FolderSuggestions } from '../FolderSuggestions/FolderSuggestions';
import { NextSteps } from '../NextSteps/NextSteps';
import { StarterOffer } from '../StarterOffer/StarterOffer';

interface GetStartedProps {
  title: string;
  description: ReactNode;
  /** 1 where this is all the page shows (Chat), 2 under a view's own heading. */
  order: 1 | 2;
  testId: string;
}

/**
 * What every view shows when there is no model anywhere: the model folders of other apps found
 * here first (no download needed), then one starter model, then the other ways in. Compact, so
 * the starter's button is in view on a 1024×700 window.
 */
export function GetStarted({ title, description, order, testId }: GetStartedProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" align="center" w="100%" data-testid={testId}>
      <Stack gap={4} align="center" maw={640} ta="center">
        <Title order={order} size="h3">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {description}
        </Text>
      </Stack>
      <Stack gap="md" w="100%" maw={720} data-testid="get-started">
        <FolderSuggestions />
        <StarterOffer />
      </Stack>
      <Text size="sm" c="dimmed" ta="center">
        {t('shell.next.or')}
      </Text>
      <NextSteps steps={['catalog', 'hub', 'addFolder']} quiet />
    </Stack>
  );
}
