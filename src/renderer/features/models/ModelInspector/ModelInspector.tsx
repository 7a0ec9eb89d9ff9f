import { Alert, Button, DataList, Drawer, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GgufFacts, ModelFile } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { describeCallError } from '../../../platform/errors';
import { startChatWithModel } from '../../../state/routes';
import { DeleteFile } from '../DeleteFile/DeleteFile';
import { fileLabel } from '../duplicates';
import { ModelDetails } from '../ModelDetails/ModelDetails';
import { AdaptersSection } from '../Adapters/AdaptersSection';
import { QualitySection } from '../Quality/QualitySection';
import { LineageSection } from '../Quantize/LineageSection';
import { QuantizePanel } from '../Quantize/QuantizePanel';
import { useLineage } from '../Quantize/useLineage';
import { Icon } from '../../../ui/Icon/Icon';
import { useFormat } from '../../../ui/useFormat';

/** Every header fact, in reading order. */
const factOrder = [
  'name',
  'architecture',
  'kind',
  'parameterCount',
  'fileType',
  'contextLength',
  'slidingWindow',
  'blockCount',
  'embeddingLength',
  'feedForwardLength',
  'headCount',
  'headCountKv',
  'expertCount',
  'expertUsedCount',
  'vocabSize',
  'tensorCount',
  'hasChatTemplate',
  'ggufVersion',
] as const satisfies ReadonlyArray<keyof GgufFacts>;

interface ModelInspectorProps {
  file: ModelFile | null;
  /** Other files with the same content. */
  duplicates?: readonly ModelFile[];
  onClose: () => void;
}

export function ModelInspector({ file, duplicates, onClose }: ModelInspectorProps) {
  const { t } = useTranslation();
  return (
    <Drawer
      opened={file !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={<Title order={2} size="h4">{t('models.inspector.title')}</Title>}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {file && <InspectorBody file={file} duplicates={duplicates ?? []} onDeleted={onClose} />}
    </Drawer>
  );
}

function InspectorBody({ file, duplicates, onDeleted }: { file: ModelFile; duplicates: readonly ModelFile[]; onDeleted: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const none = t('common.none');
  const isModel = file.facts?.kind === 'model' && !file.problem && file.path.toLowerCase().endsWith('.gguf');
  const lineage = useLineage(file.path);

  const factValue = (facts: GgufFacts, key: (typeof factOrder)[number]): string => {
    const value = facts[key];
    if (value === null) return none;
    switch (key) {
      case 'kind':
        return t(`models.kind.${facts.kind}`);
      case 'hasChatTemplate':
        return value ? t('common.yes') : t('common.no');
      case 'parameterCount':
        return t('models.inspector.exact', { short: format.parameters(facts.parameterCount), exact: format.integer(facts.parameterCount) });
      case 'contextLength':
      case 'slidingWindow':
        return t('models.inspector.tokens', { value: format.integer(value as number) });
      default:
        return typeof value === 'number' ? format.integer(value) : String(value);
    }
  };

  return (
    <Stack gap="lg" data-testid="model-inspector" data-path={file.relativePath}>
      <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
        {fileLabel(file)}
      </Text>
      {file.facts?.kind === 'model' && !file.problem && <ChatWithModel path={file.path} />}
      {file.problem && (
        <Alert color="red" variant="light" title={t('models.inspector.problem')} data-testid="inspector-problem">
          <Text size="sm">{t(`gguf.problem.${file.problem.code}`)}</Text>
          {file.problem.detail && (
            <Text size="xs" c="dimmed" ff="monospace" mt={4} style={{ overflowWrap: 'anywhere' }}>
              {t('models.inspector.detail')}: {file.problem.detail}
            </Text>
          )}
        </Alert>
      )}
      <section>
        <Title order={3} size="h5" mb="xs">
          {t('models.inspector.file')}
        </Title>
        <DataList labelWidth={160} withDivider size="sm">
          <Item name="path" label={t('models.inspector.path')} value={file.path} />
          <Item name="folder" label={t('models.inspector.folder')} value={file.folder} />
          <Item
            name="size"
            label={t('models.inspector.size')}
            value={t('models.inspector.bytes', { short: format.bytes(file.sizeBytes), exact: format.integer(file.sizeBytes) })}
          />
          <Item name="modified" label={t('models.inspector.modified')} value={format.dateTime(file.modifiedAt)} />
          <Item name="sha256" label={t('models.inspector.sha256')} value={file.sha256 ?? t('models.inspector.sha256Pending')} />
          {duplicates.length > 0 && (
            <Item name="duplicates" label={t('models.inspector.duplicates')} value={duplicates.map((d) => d.path).join('\n')} />
          )}
        </DataList>
      </section>
      {file.facts && (
        <section>
          <Title order={3} size="h5" mb="xs">
            {t('models.inspector.facts')}
          </Title>
          <DataList labelWidth={160} withDivider size="sm">
            {factOrder.map((key) => (
              <Item
                key={key}
                name={key}
                label={t(`models.inspector.fact.${key}`)}
                value={factValue(file.facts as GgufFacts, key)}
              />
            ))}
          </DataList>
        </section>
      )}
      <LineageSection lineage={lineage} />
      {isModel && <QualitySection file={file} hasLineage={lineage !== null} />}
      {isModel && <QuantizePanel file={file} />}
      {isModel && <AdaptersSection path={file.path} />}
      {file.facts && !file.problem && <ModelDetails file={file} />}
      {/* Only `.gguf` files: an Ollama blob belongs to Ollama's store, which Caliper does not edit. */}
      {file.path.toLowerCase().endsWith('.gguf') && <DeleteFile file={file} onDeleted={onDeleted} />}
    </Stack>
  );
}

function Item({ name, label, value }: { name: string; label: string; value: string }) {
  return (
    <DataList.Item data-inspector-fact={name}>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>{value}</DataList.ItemValue>
    </DataList.Item>
  );
}

/** Opens Chat with a new conversation that uses this file. */
function ChatWithModel({ path }: { path: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const start = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await startChatWithModel(client, path);
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <Button leftSection={<Icon name="chat" size={16} />} onClick={() => void start()} loading={busy} data-testid="chat-with-model">
        {t('models.inspector.chatWithModel')}
      </Button>
      {problem !== null && (
        <Text size="sm" c="red" mt={4} role="alert">
          {describeCallError(t, problem)}
        </Text>
      )}
    </div>
  );
}
