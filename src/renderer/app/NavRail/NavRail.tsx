import { Indicator, NavLink, Stack, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isActiveDownload, useDownloadsStore } from '../../state/downloadsStore';
import { useQuantizeStore } from '../../state/quantizeStore';
import { routeHref, routes, type Route } from '../../state/routes';
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

/**
 * The views, as a labelled list or, on a narrow window, as icons with their names in tooltips
 * (and as accessible names); the activity badges become a dot on the icon there.
 */
export function NavRail({ route, compact }: { route: Route; compact: boolean }) {
  const { t } = useTranslation();
  const downloading = useDownloadsStore((s) => s.downloads?.some(isActiveDownload) ?? false);
  const quantizing = useQuantizeStore((s) => s.jobs.some((j) => j.state === 'running'));
  return (
    <Stack gap={4} data-compact={compact} data-testid="nav-rail">
      {routes.map((r) => {
        const busy = (r === 'downloads' && downloading) || (r === 'models' && quantizing);
        const icon = <Icon name={icons[r]} />;
        const link = (
          <NavLink
            key={r}
            component="a"
            href={routeHref(r)}
            label={compact ? undefined : t(`nav.${r}`)}
            aria-label={compact ? t(`nav.${r}`) : undefined}
            leftSection={compact ? <Indicator disabled={!busy} size={8} offset={2} processing>{icon}</Indicator> : icon}
            rightSection={compact ? undefined : r === 'downloads' ? <ActiveDownloadsBadge /> : r === 'models' ? <ActiveQuantizeBadge /> : undefined}
            active={r === route}
            aria-current={r === route ? 'page' : undefined}
            data-testid={`nav-${r}`}
            styles={compact ? { section: { marginInlineEnd: 0 }, root: { justifyContent: 'center' } } : undefined}
          />
        );
        return compact ? (
          <Tooltip key={r} label={t(`nav.${r}`)} position="right" withArrow>
            {link}
          </Tooltip>
        ) : (
          link
        );
      })}
    </Stack>
  );
}
