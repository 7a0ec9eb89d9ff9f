import { ActionIcon, Badge, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiModel } from '../../../../shared/contract';
import { updateSettings, useSettings } from '../../../state/appStore';
import { Icon } from '../../../ui/Icon/Icon';
import { AliasForm } from '../AliasForm/AliasForm';
import { withoutAlias } from '../aliases';

interface ApiModelRowProps {
  model: ApiModel;
  models: readonly ApiModel[];
  /** A failed save, for the table to show. */
  onError: (error: unknown) => void;
}

/** One name programs can use: its aliases (removable, and one more can be added), loaded or not. */
export function ApiModelRow({ model, models, onError }: ApiModelRowProps) {
  const { t } = useTranslation();
  const { apiAliases } = useSettings();
  const [busy, setBusy] = useState(false);

  const remove = async (alias: string) => {
    setBusy(true);
    try {
      await updateSettings({ apiAliases: withoutAlias(apiAliases, alias) });
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Table.Tr data-testid="api-model-row" data-id={model.id} data-loaded={model.loaded}>
      <Table.Th scope="row" fw={500}>
        <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }} title={model.path}>
          {model.id}
        </Text>
      </Table.Th>
      <Table.Td>
        <Group gap={6} wrap="wrap">
          {model.aliases.map((alias) => (
            <Badge
              key={alias}
              variant="outline"
              color="gray"
              tt="none"
              pr={2}
              styles={{ label: { overflow: 'visible' } }}
              data-testid="api-alias"
              data-alias={alias}
              rightSection={
                <ActionIcon
                  size="xs"
                  variant="transparent"
                  color="gray"
                  disabled={busy}
                  onClick={() => void remove(alias)}
                  aria-label={t('api.models.alias.remove', { alias })}
                  data-testid="api-alias-remove"
                >
                  <Icon name="x" size={12} />
                </ActionIcon>
              }
            >
              <Text span size="xs" ff="monospace">
                {alias}
              </Text>
            </Badge>
          ))}
          <AliasForm model={model} models={models} />
        </Group>
      </Table.Td>
      <Table.Td>
        {/* Unclipped: a badge's label may otherwise shrink to nothing in an auto-width column. */}
        <Badge color={model.loaded ? 'green' : 'gray'} variant="light" styles={{ label: { overflow: 'visible' } }} data-testid="api-model-loaded">
          {t(model.loaded ? 'api.models.loaded' : 'api.models.onDemand')}
        </Badge>
      </Table.Td>
      <Table.Td>{model.quantization ?? t('common.none')}</Table.Td>
      <Table.Td>{model.architecture ?? t('common.none')}</Table.Td>
    </Table.Tr>
  );
}
