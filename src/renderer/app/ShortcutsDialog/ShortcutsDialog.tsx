import { Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { closeOverlays, useOverlays } from '../../state/overlays';
import { commandGroups, commands, viewShortcuts, type ViewShortcut } from '../commands';
import { isMacPlatform } from '../commands/shortcut';
import { ShortcutKeys } from '../ShortcutKeys/ShortcutKeys';
import { useCommandLabel } from '../useCommandLabel';

const scopes: ReadonlyArray<ViewShortcut['scope']> = ['chat', 'compare', 'palette'];

/** Every keyboard shortcut in one place: the commands' own, then the keys each view handles. */
export function ShortcutsDialog() {
  const { t } = useTranslation();
  const opened = useOverlays((s) => s.shortcuts);
  const label = useCommandLabel();
  const mac = isMacPlatform();
  const withKeys = commands.filter((c) => c.shortcut);

  return (
    <Modal opened={opened} onClose={closeOverlays} title={t('shell.shortcuts.title')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="lg" data-testid="shortcuts-dialog">
        <Text size="sm" c="dimmed">
          {t('shell.shortcuts.intro')}
        </Text>
        <section aria-labelledby="shortcuts-app">
          <Title order={3} size="h5" id="shortcuts-app" mb="xs">
            {t('shell.shortcuts.everywhere')}
          </Title>
          <Table verticalSpacing={4} data-testid="shortcuts-commands">
            <Table.Tbody>
              {commandGroups.map((group) => (
                <Fragment key={group}>
                  {withKeys
                    .filter((c) => c.group === group)
                    .map((command) => (
                      <Table.Tr key={command.id} data-command={command.id}>
                        <Table.Td>{label(command)}</Table.Td>
                        <Table.Td ta="right">
                          <Group justify="flex-end">
                            <ShortcutKeys shortcut={command.shortcut!} mac={mac} />
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </section>
        {scopes.map((scope) => (
          <section key={scope} aria-labelledby={`shortcuts-${scope}`}>
            <Title order={3} size="h5" id={`shortcuts-${scope}`} mb="xs">
              {t(`shell.shortcuts.scopes.${scope}`)}
            </Title>
            <Table verticalSpacing={4}>
              <Table.Tbody>
                {viewShortcuts
                  .filter((s) => s.scope === scope)
                  .map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>{t(s.label)}</Table.Td>
                      <Table.Td>
                        <Group justify="flex-end" gap={6}>
                          {s.keys.map((k) => (
                            <ShortcutKeys key={k.key + String(k.shift)} shortcut={k} mac={mac} />
                          ))}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          </section>
        ))}
      </Stack>
    </Modal>
  );
}
