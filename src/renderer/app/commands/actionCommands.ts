import { updateSettings } from '../../state/appStore';
import { openPalette, openShortcuts } from '../../state/overlays';
import { navigate, routeHref, settingsHref, settingsSections } from '../../state/routes';
import type { Command } from './command';

/** The shown scheme ("system" resolved), as Mantine set it on the document. */
function shownScheme(): 'light' | 'dark' {
  return document.documentElement.getAttribute('data-mantine-color-scheme') === 'dark' ? 'dark' : 'light';
}

// Chat and Compare load with their views; their stores are fetched when a command needs them.
const chat = () => import('../../features/chat/chatCommands');
const compare = () => import('../../features/compare/compareCommands');

export const actionCommands: Command[] = [
  {
    id: 'palette',
    group: 'help',
    label: 'shell.commands.palette',
    shortcut: { key: 'k', mod: true },
    anywhere: true,
    run: openPalette,
  },
  {
    id: 'shortcuts',
    group: 'help',
    label: 'shell.commands.shortcuts',
    keywords: ['keyboard', 'keys', 'hotkeys'],
    shortcut: { key: '/', mod: true },
    anywhere: true,
    run: openShortcuts,
  },
  {
    id: 'chat.new',
    group: 'create',
    label: 'shell.commands.newChat',
    keywords: ['conversation'],
    shortcut: { key: 'o', mod: true, shift: true },
    anywhere: true,
    run: async ({ client }) => (await chat()).newChat(client),
  },
  {
    id: 'chat.search',
    group: 'create',
    label: 'shell.commands.searchChats',
    keywords: ['find', 'messages', 'history'],
    shortcut: { key: 'f', mod: true, shift: true },
    anywhere: true,
    run: async () => (await chat()).focusConversationSearch(),
  },
  {
    id: 'compare.new',
    group: 'create',
    label: 'shell.commands.newComparison',
    keywords: ['side by side', 'compare'],
    run: async () => (await compare()).newComparison(),
  },
  {
    id: 'compare.blind',
    group: 'create',
    label: 'shell.commands.newBlindBattle',
    keywords: ['arena', 'vote', 'battle'],
    run: async () => (await compare()).newBlindBattle(),
  },
  {
    id: 'theme.toggle',
    group: 'appearance',
    label: 'shell.commands.toggleTheme',
    keywords: ['dark', 'light', 'theme'],
    shortcut: { key: 'l', mod: true, shift: true },
    anywhere: true,
    run: () => updateSettings({ theme: shownScheme() === 'dark' ? 'light' : 'dark' }),
  },
  {
    id: 'language.en',
    group: 'appearance',
    label: 'shell.commands.language',
    labelVars: { language: 'settings.languageNames.en' },
    keywords: ['English', 'language', '语言'],
    run: () => updateSettings({ language: 'en' }),
  },
  {
    id: 'language.zh-CN',
    group: 'appearance',
    label: 'shell.commands.language',
    labelVars: { language: 'settings.languageNames.zhCN' },
    keywords: ['Chinese', '中文', 'language', '语言'],
    run: () => updateSettings({ language: 'zh-CN' }),
  },
  {
    id: 'settings.open',
    group: 'settings',
    label: 'shell.commands.openSettings',
    keywords: ['preferences'],
    shortcut: { key: ',', mod: true },
    anywhere: true,
    run: () => navigate(routeHref('settings')),
  },
  ...settingsSections.map(
    (section): Command => ({
      id: `settings.${section}`,
      group: 'settings',
      label: 'shell.commands.settingsSection',
      labelVars: { section: `shell.settingsSections.${section}` },
      keywords: [section],
      run: () => navigate(settingsHref(section)),
    }),
  ),
];
