import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CatalogTask } from '../../../../shared/contract';

export function TaskBadges({ tasks }: { tasks: readonly CatalogTask[] }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {tasks.map((task) => (
        <Badge key={task} variant="default" radius="sm" tt="none" fw={500} data-task={task}>
          {t(`catalog.task.${task}`)}
        </Badge>
      ))}
    </Group>
  );
}
