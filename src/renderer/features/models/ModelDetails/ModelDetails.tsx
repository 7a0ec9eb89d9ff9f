import { Alert, DataList, Loader, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { KvCacheChart as Chart, LicenseInfo, ModelDetails as Details, ModelFile, SpecialToken } from '../../../../shared/contract';
import { describeCallError } from '../../../platform/errors';
import { useFormat } from '../../../ui/useFormat';
import { KvCacheChart } from '../KvCacheChart/KvCacheChart';
import { MetadataList } from './MetadataList';
import { TemplateBlock } from './TemplateBlock';
import { useModelDetails } from './useModelDetails';

const licenseOrder = [
  'license',
  'licenseName',
  'licenseLink',
  'author',
  'organization',
  'url',
  'repoUrl',
  'basename',
  'sizeLabel',
  'finetune',
  'version',
] as const satisfies ReadonlyArray<keyof LicenseInfo>;

/** The inspector's second half: KV cache, chat templates, tokenizer, license, all metadata. */
export function ModelDetails({ file }: { file: ModelFile }) {
  const { t } = useTranslation();
  const state = useModelDetails(file);
  if (state.status === 'loading') {
    return (
      <Text size="sm" c="dimmed" data-testid="details-loading">
        <Loader size="xs" mr="xs" />
        {t('models.inspector.loadingDetails')}
      </Text>
    );
  }
  if (state.status === 'error') {
    return (
      <Alert color="red" variant="light" title={t('models.inspector.detailsFailed')} data-testid="details-error">
        {describeCallError(t, state.error)}
      </Alert>
    );
  }
  return <DetailsSections details={state.details} />;
}

function DetailsSections({ details }: { details: Details }) {
  const { t } = useTranslation();
  const format = useFormat();
  const none = t('common.none');
  const token = (tok: SpecialToken | null) =>
    tok === null ? none : tok.text === null ? `#${tok.id}` : `${JSON.stringify(tok.text)} (#${tok.id})`;
  const flag = (v: boolean | null) => (v === null ? none : v ? t('common.yes') : t('common.no'));
  const { tokenizer, license } = details;
  const hasLicense = licenseOrder.some((key) => license[key] !== null);

  return (
    <Stack gap="lg" data-testid="model-details">
      {(details.kvCache || details.kvCacheProblem) && (
        <Block title={t('models.kvCache.title')}>
          {details.kvCache ? <KvCacheNotes chart={details.kvCache} /> : (
            <Text size="sm" c="dimmed" data-testid="kv-cache-problem">
              {t('models.kvCache.unavailable', { detail: details.kvCacheProblem })}
            </Text>
          )}
        </Block>
      )}
      <Block title={t('models.inspector.template.title')}>
        {details.chatTemplates.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="no-chat-template">
            {t('models.inspector.template.none')}
          </Text>
        ) : (
          <Stack gap="sm">
            {details.chatTemplates.map((template) => (
              <TemplateBlock key={template.name ?? ''} template={template} />
            ))}
          </Stack>
        )}
      </Block>
      <Block title={t('models.inspector.tokenizer.title')}>
        <DataList labelWidth={160} withDivider size="sm" data-testid="tokenizer">
          <Item name="model" label={t('models.inspector.tokenizer.model')} value={tokenizer.model ?? none} />
          <Item name="pre" label={t('models.inspector.tokenizer.pre')} value={tokenizer.pre ?? none} />
          <Item name="vocabSize" label={t('models.inspector.fact.vocabSize')} value={tokenizer.vocabSize === null ? none : format.integer(tokenizer.vocabSize)} />
          <Item name="bos" label={t('models.inspector.tokenizer.bos')} value={token(tokenizer.bos)} />
          <Item name="eos" label={t('models.inspector.tokenizer.eos')} value={token(tokenizer.eos)} />
          <Item name="pad" label={t('models.inspector.tokenizer.pad')} value={token(tokenizer.pad)} />
          <Item name="unknown" label={t('models.inspector.tokenizer.unknown')} value={token(tokenizer.unknown)} />
          <Item name="addBos" label={t('models.inspector.tokenizer.addBos')} value={flag(tokenizer.addBos)} />
          <Item name="addEos" label={t('models.inspector.tokenizer.addEos')} value={flag(tokenizer.addEos)} />
        </DataList>
      </Block>
      <Block title={t('models.inspector.license.title')}>
        {hasLicense ? (
          <DataList labelWidth={160} withDivider size="sm" data-testid="license">
            {licenseOrder
              .filter((key) => license[key] !== null)
              .map((key) => (
                <Item key={key} name={key} label={t(`models.inspector.license.${key}`)} value={license[key] ?? ''} />
              ))}
          </DataList>
        ) : (
          <Text size="sm" c="dimmed" data-testid="license">
            {t('models.inspector.license.none')}
          </Text>
        )}
      </Block>
      <MetadataList entries={details.metadata} total={details.metadataCount} />
    </Stack>
  );
}

/** The chart, what it assumes, and why a cache type is missing from it. */
function KvCacheNotes({ chart }: { chart: Chart }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap="xs">
      {chart.series.length > 0 && <KvCacheChart chart={chart} />}
      <Text size="xs" c="dimmed">
        {t('models.kvCache.estimate')}
      </Text>
      {chart.slidingWindow !== null && (
        <Text size="xs" c="dimmed" data-testid="kv-cache-swa">
          {t('models.kvCache.slidingWindow', { window: format.integer(chart.slidingWindow) })}
        </Text>
      )}
      {chart.unsupported.map((u) => (
        <Text key={u.type} size="xs" c="dimmed" data-testid="kv-cache-unsupported" data-type={u.type}>
          {t('models.kvCache.unsupported', { type: u.type, headSize: u.headSize, blockSize: u.blockSize })}
        </Text>
      ))}
    </Stack>
  );
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      {children}
    </section>
  );
}

function Item({ name, label, value }: { name: string; label: string; value: string }) {
  return (
    <DataList.Item data-detail={name}>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>{value}</DataList.ItemValue>
    </DataList.Item>
  );
}
