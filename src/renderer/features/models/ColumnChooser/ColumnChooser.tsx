import { Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../ui/Icon/Icon';
import { setColumnChoice, useColumnsStore } from '../columnsStore';
import { optionalColumns, toggleColumn, visibleColumns } from '../modelColumns';

/** "Columns": the optional columns to show; automatic keeps what fits the window. */
export function ColumnChooser({ width }: { width: number }) {
  const { t } = useTranslation();
  const choice = useColumnsStore((s) => s.choice);
  const shown = visibleColumns(choice, width);
  return (
    <Menu closeOnItemClick={false} position="bottom-end" shadow="md" withinPortal>
      <Menu.Target>
        <Button variant="default" size="xs" leftSection={<Icon name="panel" size={14} />} data-testid="model-columns">
          {t('models.columnChooser.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown data-testid="model-columns-menu">
        <Menu.Label>{t('models.columnChooser.always')}</Menu.Label>
        <Menu.Item
          leftSection={<Icon name={choice.mode === 'auto' ? 'check' : 'refresh'} size={14} />}
          onClick={() => setColumnChoice({ mode: 'auto' })}
          role="menuitemradio"
          aria-checked={choice.mode === 'auto'}
          data-testid="model-columns-auto"
        >
          {t('models.columnChooser.auto')}
        </Menu.Item>
        <Menu.Item
          leftSection={<Icon name="plus" size={14} />}
          onClick={() => setColumnChoice({ mode: 'chosen', columns: [...optionalColumns] })}
          data-testid="model-columns-all"
        >
          {t('models.columnChooser.all')}
        </Menu.Item>
        <Menu.Divider />
        {optionalColumns.map((column) => {
          const on = shown.includes(column);
          return (
            <Menu.Item
              key={column}
              role="menuitemcheckbox"
              aria-checked={on}
              leftSection={<Icon name="check" size={14} style={{ visibility: on ? 'visible' : 'hidden' }} />}
              onClick={() => setColumnChoice(toggleColumn(choice, width, column))}
              data-testid="model-column-option"
              data-column={column}
            >
              {t(`models.columns.${column}`)}
            </Menu.Item>
          );
        })}
      </Menu.Dropdown>
    </Menu>
  );
}
