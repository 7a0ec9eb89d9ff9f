import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeCallError } from '../../platform/errors';

/** A call's failure in the user's words, announced to screen readers; nothing while there is none. */
export function CallError({ error, testId }: { error: unknown; testId?: string }) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  return (
    <Text size="sm" c="red" role="alert" data-testid={testId}>
      {describeCallError(t, error)}
    </Text>
  );
}
