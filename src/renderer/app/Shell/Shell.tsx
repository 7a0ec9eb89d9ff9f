import { AppShell, Center, Loader } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { lazy, Suspense, useEffect, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiView } from '../../features/api/ApiView/ApiView';
import { CatalogView } from '../../features/catalog/CatalogView/CatalogView';
import { DownloadsView } from '../../features/downloads/DownloadsView/DownloadsView';
import { HubView } from '../../features/hub/HubView/HubView';
import { ModelsView } from '../../features/models/ModelsView/ModelsView';
import { SettingsView } from '../../features/settings/SettingsView/SettingsView';
import { useRoute, type Route } from '../../state/routes';
import { CommandPalette } from '../CommandPalette/CommandPalette';
import { NavRail } from '../NavRail/NavRail';
import { ShortcutsDialog } from '../ShortcutsDialog/ShortcutsDialog';
import { SkipLink } from '../SkipLink/SkipLink';
import { StarterWatcher } from '../StarterWatcher/StarterWatcher';
import { StorageNotice } from '../StorageNotice/StorageNotice';
import { TopBar } from '../TopBar/TopBar';
import { useGlobalShortcuts } from '../useGlobalShortcuts';

const MAIN_ID = 'main-content';

/** Below this width (Mantine's `lg`, 1200 px) the rail shows icons only. */
const WIDE_QUERY = '(min-width: 75em)';

// Chat brings markdown, math and syntax highlighting: loaded when first opened, not at start.
const ChatView = lazy(() => import('../../features/chat/ChatView/ChatView').then((m) => ({ default: m.ChatView })));
// Compare renders answers with the same markdown stack: loaded on first visit too.
const CompareView = lazy(() => import('../../features/compare/CompareView/CompareView').then((m) => ({ default: m.CompareView })));
const BenchView = lazy(() => import('../../features/bench/BenchView/BenchView').then((m) => ({ default: m.BenchView })));

const views: Record<Route, ComponentType> = {
  chat: ChatView,
  compare: CompareView,
  models: ModelsView,
  downloads: DownloadsView,
  catalog: CatalogView,
  hub: HubView,
  api: ApiView,
  bench: BenchView,
  settings: SettingsView,
};

export function Shell() {
  const { t } = useTranslation();
  const route = useRoute();
  const View = views[route];
  const wide = useMediaQuery(WIDE_QUERY, true, { getInitialValueInEffect: false });
  useGlobalShortcuts();

  useEffect(() => {
    document.title = t('app.pageTitle', { page: t(`nav.${route}`) });
  }, [route, t]);

  return (
    <>
      <SkipLink targetId={MAIN_ID} />
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: wide ? 200 : 64, breakpoint: 0 }}
        padding={route === 'chat' ? 0 : wide ? 'lg' : 'md'}
        data-compact={!wide}
      >
        <AppShell.Header>
          <TopBar compact={!wide} />
        </AppShell.Header>
        <AppShell.Navbar p="xs" aria-label={t('nav.label')}>
          <NavRail route={route} compact={!wide} />
        </AppShell.Navbar>
        <AppShell.Main id={MAIN_ID} tabIndex={-1} style={{ outline: 'none' }}>
          <StorageNotice />
          <Suspense
            fallback={
              <Center h="50vh">
                <Loader aria-label={t('app.loadingView')} />
              </Center>
            }
          >
            <View key={route} />
          </Suspense>
        </AppShell.Main>
      </AppShell>
      <CommandPalette />
      <ShortcutsDialog />
      <StarterWatcher />
    </>
  );
}
