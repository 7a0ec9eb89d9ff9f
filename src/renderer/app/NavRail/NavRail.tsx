import { NavLink, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { routeHref, routes, type Route } from '../../platform/routes';
import { Icon, type IconName } from '../../ui/Icon/Icon';
import { ActiveDownloadsBadge } from './ActiveDownloadsBadge';
import { ActiveQuantizeBadge } from './ActiveQuantizeBadge';

const icons: Record<Route, IconName> = {
  chat: 'chat',
  compare: 'compare',
  models: 'models',
  downloads: 'download',
  catalog: 'catalog',
  hub: 'hub',
  api: 'api',
  bench: 'gauge',
  settings: 'settings',
};

export function NavRail({ route }: { route: Route }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      {routes.map((r) => (
        <NavLink
          key={r}
          component="a"
          href={routeHref(r)}
          label={t(`nav.${r}`)}
          leftSection={<Icon name={icons[r]} />}
          rightSection={r === 'downloads' ? <ActiveDownloadsBadge /> : r === 'models' ? <ActiveQuantizeBadge /> : undefined}
          active={r === route}
          aria-current={r === route ? 'page' : undefined}
          data-testid={`nav-${r}`}
        />
      ))}
    </Stack>
  );
}
