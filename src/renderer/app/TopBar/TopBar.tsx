import { Group, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { openPalette } from '../../state/overlays';
import { Icon } from '../../ui/Icon/Icon';
import { isMacPlatform } from '../commands/shortcut';
import { ConnectionIndicator } from '../ConnectionIndicator/ConnectionIndicator';
import { LoadedModels } from '../LoadedModels/LoadedModels';
import { ShortcutKeys } from '../ShortcutKeys/ShortcutKeys';
import classes from './TopBar.module.css';

/** Name, the command palette, the loaded models (the overflow behind "+N"), the connection. */
export function TopBar({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="md">
      <Text component="span" fw={700} fz="lg" data-testid="app-name" style={{ flex: 'none' }}>
        {t('app.name')}
      </Text>
      <UnstyledButton className={classes.palette} onClick={openPalette} aria-label={t('shell.palette.open')} aria-keyshortcuts={isMacPlatform() ? 'Meta+K' : 'Control+K'} data-testid="open-palette">
        <Icon name="search" size={16} />
        {!compact && (
          <Text size="sm" c="dimmed" component="span">
            {t('shell.palette.button')}
          </Text>
        )}
        <ShortcutKeys shortcut={{ key: 'k', mod: true }} mac={isMacPlatform()} />
      </UnstyledButton>
      <LoadedModels />
      <div style={{ flex: 'none' }}>
        <ConnectionIndicator />
      </div>
    </Group>
  );
}
