import { Group, Modal, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../state/appStore';
import { closeOverlays, useOverlays } from '../../state/overlays';
import { Icon } from '../../ui/Icon/Icon';
import { commandGroups, commands, type Command } from '../commands';
import { filterCommands, type LabelledCommand } from '../commands/filterCommands';
import { isMacPlatform } from '../commands/shortcut';
import { runCommand } from '../runCommand';
import { ShortcutKeys } from '../ShortcutKeys/ShortcutKeys';
import { useCommandLabel } from '../useCommandLabel';
import classes from './CommandPalette.module.css';

/**
 * Ctrl/⌘+K: every command, found by typing a few letters of its name (in either language), run
 * with Enter. A combobox over a listbox, so screen readers follow the highlighted option.
 */
export function CommandPalette() {
  const { t } = useTranslation();
  const opened = useOverlays((s) => s.palette);
  return (
    <Modal.Root opened={opened} onClose={closeOverlays} size="lg" yOffset="12vh">
      <Modal.Overlay />
      <Modal.Content aria-label={t('shell.palette.title')} data-testid="command-palette">
        <Modal.Body p={0}>{opened && <PaletteBody />}</Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}

function PaletteBody() {
  const { t } = useTranslation();
  const client = useClient();
  const label = useCommandLabel();
  const mac = isMacPlatform();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();

  const labelled = useMemo<LabelledCommand[]>(
    () =>
      commandGroups.flatMap((group) =>
        commands
          .filter((c) => c.group === group)
          .map((command) => {
            const own = label(command);
            return { command, label: own, haystack: [own, label(command, 'en'), ...(command.keywords ?? [])].join(' ').toLowerCase() };
          }),
      ),
    [label],
  );
  const found = useMemo(() => filterCommands(labelled, query), [labelled, query]);
  const current = Math.min(active, Math.max(found.length - 1, 0));

  const run = (command: Command) => {
    closeOverlays();
    runCommand(command, { client });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + found.length) % Math.max(found.length, 1));
    } else if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      const chosen = found[current];
      if (chosen) run(chosen.command);
    }
  };

  const optionId = (index: number) => `${listId}-${index}`;
  return (
    <Stack gap={0}>
      <TextInput
        size="md"
        variant="unstyled"
        px="md"
        py={4}
        value={query}
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        placeholder={t('shell.palette.placeholder')}
        leftSection={<Icon name="search" size={18} />}
        data-autofocus
        role="combobox"
        aria-label={t('shell.palette.title')}
        aria-expanded
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={found.length > 0 ? optionId(current) : undefined}
        data-testid="palette-input"
        style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
      />
      {/* Reachable with Tab too, so the list scrolls from the keyboard like any scrolling region. */}
      <ScrollArea.Autosize mah="min(60vh, 480px)" type="auto" viewportProps={{ tabIndex: 0, 'aria-label': t('shell.palette.results') }}>
        {found.length === 0 ? (
          <Text size="sm" c="dimmed" p="md" data-testid="palette-empty">
            {t('shell.palette.none', { query })}
          </Text>
        ) : (
          <div role="listbox" id={listId} aria-label={t('shell.palette.results')} className={classes.list}>
            {found.map((entry, index) => {
              const groupStart = index === 0 || found[index - 1]!.command.group !== entry.command.group;
              return (
                <div key={entry.command.id}>
                  {groupStart && query.trim() === '' && (
                    <Text size="xs" fw={600} c="dimmed" px="md" pt="sm" pb={4} aria-hidden="true">
                      {t(`shell.palette.groups.${entry.command.group}`)}
                    </Text>
                  )}
                  <UnstyledButton
                    component="div"
                    role="option"
                    id={optionId(index)}
                    aria-selected={index === current}
                    tabIndex={-1}
                    className={classes.option}
                    data-active={index === current || undefined}
                    onMouseMove={() => index !== current && setActive(index)}
                    onClick={() => run(entry.command)}
                    data-testid="palette-option"
                    data-command={entry.command.id}
                  >
                    <Group justify="space-between" wrap="nowrap" gap="md">
                      <Text size="sm" truncate>
                        {entry.label}
                      </Text>
                      {entry.command.shortcut && <ShortcutKeys shortcut={entry.command.shortcut} mac={mac} />}
                    </Group>
                  </UnstyledButton>
                </div>
              );
            })}
          </div>
        )}
      </ScrollArea.Autosize>
    </Stack>
  );
}
