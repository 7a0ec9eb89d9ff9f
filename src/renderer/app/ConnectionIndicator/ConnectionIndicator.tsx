import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAppStore, type ConnectionState } from '../../state/appStore';

const colors: Record<ConnectionState, string> = {
  connecting: 'gray',
  connected: 'teal',
  reconnecting: 'yellow',
};

/** A live region: screen readers hear when the connection drops and comes back. */
export function ConnectionIndicator() {
  const { t } = useTranslation();
  const state = useAppStore((s) => s.connection);
  return (
    <Tooltip label={t(`app.connection.${state}Hint`)}>
      <Badge
        variant="dot"
        size="lg"
        color={colors[state]}
        role="status"
        aria-live="polite"
        tabIndex={0}
        data-testid="connection-status"
        data-state={state}
      >
        {t(`app.connection.${state}`)}
      </Badge>
    </Tooltip>
  );
}
