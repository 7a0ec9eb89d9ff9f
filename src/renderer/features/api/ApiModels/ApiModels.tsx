import { ActionIcon, Alert, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingLine } from '../../../ui/LoadingLine/LoadingLine';
import { describeCallError } from '../../../platform/errors';
import { Icon } from '../../../ui/Icon/Icon';
import { Section } from '../../../ui/Section/Section';
import { ApiModelRow } from '../ApiModelRow/ApiModelRow';
import type { ApiModelsState } from '../useApiModels';

const columns = ['id', 'aliases', 'loaded', 'quantization', 'architecture'] as const;

/** The names programs can put in `model`, with the user's aliases. */
export function ApiModels({ models, error, refresh }: ApiModelsState) {
  const { t } = useTranslation();
  const [saveError, setSaveError] = useState<unknown>(null);
  const shown = error ?? saveError;

  return (
    <Section title={t('api.models.title')} description={t('api.models.hint')} testId="api-models">
      <Group justify="space-between" gap="sm">
        {models === null ? (
          error === null && <LoadingLine label={t('api.models.loading')} />
        ) : (
          <Text size="xs" c="dimmed" role="status" data-testid="api-models-count">
            {t('api.models.count', { count: models.length })}
          </Text>
        )}
        <ActionIcon variant="subtle" ml="auto" onClick={refresh} aria-label={t('api.models.refresh')} data-testid="api-models-refresh">
          <Icon name="refresh" size={16} />
        </ActionIcon>
      </Group>
      {shown !== null && (
        <Alert
          color="red"
          variant="light"
          role="alert"
          withCloseButton={saveError !== null}
          closeButtonLabel={t('common.close')}
          onClose={() => setSaveError(null)}
          data-testid="api-models-error"
        >
          {describeCallError(t, shown)}
        </Alert>
      )}
      {models === null ? null : models.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="api-models-empty">
          {t('api.models.none')}
        </Text>
      ) : (
        <Table.ScrollContainer
          minWidth={720}
          // Scrolls in narrow windows: focusable, so the keyboard can scroll it too.
          scrollAreaProps={{ viewportProps: { tabIndex: 0, role: 'region', 'aria-label': t('api.models.tableLabel') } }}
        >
          <Table verticalSpacing="xs" fz="sm" aria-label={t('api.models.tableLabel')} data-testid="api-model-table">
            <Table.Thead>
              <Table.Tr>
                {columns.map((column) => (
                  <Table.Th key={column} scope="col" style={{ whiteSpace: 'nowrap' }}>
                    {t(`api.models.column.${column}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {models.map((model) => (
                <ApiModelRow key={model.path} model={model} models={models} onError={setSaveError} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
