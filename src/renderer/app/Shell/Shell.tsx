import { AppShell } from '@mantine/core';
import { useEffect, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { ModelsView } from '../../features/models/ModelsView/ModelsView';
import { SettingsView } from '../../features/settings/SettingsView/SettingsView';
import { useRoute, type Route } from '../../platform/routes';
import { NavRail } from '../NavRail/NavRail';
import { SkipLink } from '../SkipLink/SkipLink';
import { StorageNotice } from '../StorageNotice/StorageNotice';
import { TopBar } from '../TopBar/TopBar';

const MAIN_ID = 'main-content';

const views: Record<Route, ComponentType> = {
  models: ModelsView,
  settings: SettingsView,
};

export function Shell() {
  const { t } = useTranslation();
  const route = useRoute();
  const View = views[route];

  useEffect(() => {
    document.title = t('app.pageTitle', { page: t(`nav.${route}`) });
  }, [route, t]);

  return (
    <>
      <SkipLink targetId={MAIN_ID} />
      <AppShell header={{ height: 56 }} navbar={{ width: 200, breakpoint: 0 }} padding="lg">
        <AppShell.Header>
          <TopBar />
        </AppShell.Header>
        <AppShell.Navbar p="xs" aria-label={t('nav.label')}>
          <NavRail route={route} />
        </AppShell.Navbar>
        <AppShell.Main id={MAIN_ID} tabIndex={-1} style={{ outline: 'none' }}>
          <StorageNotice />
          <View key={route} />
        </AppShell.Main>
      </AppShell>
    </>
  );
}
