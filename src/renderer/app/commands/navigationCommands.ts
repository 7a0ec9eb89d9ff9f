import { navigate, routeHref, routes } from '../../state/routes';
import type { Command } from './command';

/** "Go to Chat" … "Go to Settings", Alt+1 … Alt+8 in the rail's order. */
export const navigationCommands: Command[] = routes.map((route, index) => ({
  id: `go.${route}`,
  group: 'navigate',
  label: 'shell.commands.goTo',
  labelVars: { view: `nav.${route}` },
  keywords: [route],
  shortcut: { key: String(index + 1), alt: true },
  run: () => navigate(routeHref(route)),
}));
