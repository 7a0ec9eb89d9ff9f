import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiLogEntry } from '../../../../shared/contract';
import { useFormat } from '../../../ui/useFormat';
import { keyLabel, statusColor } from '../logLabels';
import { formatLogTime } from '../logTime';

/**
 * A badge label clips its text (overflow: hidden), which lets an auto-width table column shrink
 * it to nothing; in these cells the text must set the width.
 */
const unclipped = { label: { overflow: 'visible' } } as const;

/** One request: who asked what, how it ended, and how fast. */
export function ApiLogRow({ entry }: { entry: ApiLogEntry }) {
  const { t } = useTranslation();
  const format = useFormat();
  const none = t('common.none');
  const tokens =
    entry.promptTokens === null && entry.completionTokens === null
      ? none
      : `${entry.promptTokens === null ? none : format.integer(entry.promptTokens)} / ${entry.completionTokens === null ? none : format.integer(entry.completionTokens)}`;

  return (
    <Table.Tr data-testid="api-log-row" data-id={entry.id} data-status={entry.status} data-model={entry.model ?? ''} data-key={entry.keyName ?? ''}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <time dateTime={new Date(entry.at).toISOString()} title={format.dateTime(entry.at)}>
          {formatLogTime(entry.at, format.locale)}
        </time>
      </Table.Td>
      <Table.Td>
        <Text size="xs" truncate="end" maw={200} title={entry.client}>
          {entry.client}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text
          size="xs"
          truncate="end"
          maw={160}
          fs={entry.keyName === null || entry.keyName.startsWith('@') ? 'italic' : undefined}
          title={entry.keyName ?? undefined}
          data-testid="api-log-key"
        >
          {keyLabel(t, entry.keyName)}
        </Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text span size="xs" ff="monospace">
          {entry.endpoint}
        </Text>
        {entry.stream && (
          <Badge size="xs" variant="outline" color="gray" ml={6} styles={unclipped}>
            {t('api.log.stream')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="xs" ff="monospace" truncate="end" maw={220} title={entry.model ?? undefined} data-testid="api-log-model">
          {entry.model ?? none}
        </Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Badge color={statusColor(entry.status)} variant="light" styles={unclipped} data-testid="api-log-status">
          {entry.status}
        </Badge>
        {entry.errorCode && (
          <Text span size="xs" ff="monospace" c="dimmed" ml={6} data-testid="api-log-error">
            {entry.errorCode}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{tokens}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{entry.ttftMs === null ? none : format.duration(entry.ttftMs)}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{entry.tokensPerSecond === null ? none : format.tokenRate(entry.tokensPerSecond)}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.duration(entry.durationMs)}</Table.Td>
    </Table.Tr>
  );
}
