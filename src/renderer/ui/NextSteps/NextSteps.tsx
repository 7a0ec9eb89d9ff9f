import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { routeHref, settingsHref } from '../../state/routes';
import { Icon, type IconName } from '../Icon/Icon';

/** The ways to get models, worded the same wherever a view has none. */
export type NextStep = 'catalog' | 'hub' | 'addFolder' | 'models';

const steps: Record<NextStep, { href: string; icon: IconName; label: string }> = {
  catalog: { href: routeHref('catalog'), icon: 'catalog', label: 'shell.next.catalog' },
  hub: { href: routeHref('hub'), icon: 'hub', label: 'shell.next.hub' },
  addFolder: { href: settingsHref('folders'), icon: 'folder', label: 'shell.next.addFolder' },
  models: { href: routeHref('models'), icon: 'models', label: 'shell.next.models' },
};

/** Buttons for the next steps; the first is the primary one unless `quiet`. */
export function NextSteps({ steps: shown, quiet = false, justify = 'center' }: { steps: readonly NextStep[]; quiet?: boolean; justify?: 'center' | 'flex-start' }) {
  const { t } = useTranslation();
  return (
    <Group gap="sm" justify={justify} data-testid="next-steps">
      {shown.map((step, index) => {
        const { href, icon, label } = steps[step];
        return (
          <Button
            key={step}
            component="a"
            href={href}
            variant={index === 0 && !quiet ? 'filled' : 'default'}
            leftSection={<Icon name={icon} size={16} />}
            data-testid={`next-${step}`}
          >
            {t(label)}
          </Button>
        );
      })}
    </Group>
  );
}
