import { Stack, Title } from '@mantine/core';
import { useEffect, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouteQuery, type SettingsSection } from '../../../state/routes';
import { AppearanceSection } from '../AppearanceSection/AppearanceSection';
import { FoldersSection } from '../FoldersSection/FoldersSection';
import { HubSection } from '../HubSection/HubSection';
import { LocalApiSection } from '../LocalApiSection/LocalApiSection';
import { RemoteEnginesSection } from '../RemoteEnginesSection/RemoteEnginesSection';
import { StorageSection } from '../StorageSection/StorageSection';
import { SystemSection } from '../SystemSection/SystemSection';
import { UpdatesSection } from '../UpdatesSection/UpdatesSection';

const sections: Record<SettingsSection, ComponentType> = {
  appearance: AppearanceSection,
  folders: FoldersSection,
  hub: HubSection,
  remoteEngines: RemoteEnginesSection,
  localApi: LocalApiSection,
  updates: UpdatesSection,
  storage: StorageSection,
  system: SystemSection,
};

const sectionAnchor = (section: SettingsSection) => `settings-${section}`;

/** Every setting on one page; `#/settings?section=hub` (commands, other views' links) scrolls to one. */
export function SettingsView() {
  const { t } = useTranslation();
  const wanted = useRouteQuery('section');

  useEffect(() => {
    if (!wanted || !(wanted in sections)) return;
    const target = document.getElementById(sectionAnchor(wanted as SettingsSection));
    target?.scrollIntoView({ block: 'start' });
    // The section's first field, so "Add a model folder" lands where the path is typed.
    const field = target?.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea') ?? target?.querySelector<HTMLElement>('button');
    (field ?? target)?.focus({ preventScroll: true });
  }, [wanted]);

  return (
    <Stack gap="lg" maw={860}>
      <Title order={1} size="h2">
        {t('settings.title')}
      </Title>
      {(Object.keys(sections) as SettingsSection[]).map((section) => {
        const Section = sections[section];
        return (
          <div key={section} id={sectionAnchor(section)} tabIndex={-1} style={{ scrollMarginTop: 72, outline: 'none' }} data-section={section}>
            <Section />
          </div>
        );
      })}
    </Stack>
  );
}
