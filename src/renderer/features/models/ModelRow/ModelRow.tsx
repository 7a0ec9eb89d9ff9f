import { Badge, Table, Tooltip } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import type { GgufFacts, ModelFile } from '../../../../shared/contract';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/useFormat';
import { Fact } from '../Fact/Fact';
import { FileRow, fileRowClasses as classes } from '../FileRow/FileRow';
import { FitBadge } from '../FitBadge/FitBadge';
import type { ModelColumn } from '../modelColumns';

const NONE = '—';

/** A count as plain digits (4, 2048): what the header says, nothing rounded. */
function count(value: number | null): { value: number | null; text: string } {
  return { value, text: value === null ? NONE : String(value) };
}

interface ModelRowProps {
  file: ModelFile & { facts: GgufFacts };
  /** The columns shown, in order (name and size come first, drawn by FileRow). */
  columns: readonly ModelColumn[];
  duplicates?: readonly ModelFile[];
  onOpen: (file: ModelFile) => void;
}

export function ModelRow({ file, columns, duplicates, onOpen }: ModelRowProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const { facts } = file;
  const gqa = facts.headCount !== null && facts.headCountKv !== null && facts.headCountKv < facts.headCount;
  const moe = facts.expertCount !== null && facts.expertCount > 1;
  const heads = count(facts.headCount);
  const kvHeads = count(facts.headCountKv);
  const experts = count(facts.expertCount);
  const expertsUsed = count(facts.expertUsedCount);

  const cells: Record<Exclude<ModelColumn, 'name' | 'size'>, () => ReactNode> = {
    fit: () => (
      <Table.Td onClick={(e) => e.stopPropagation()}>{facts.kind === 'model' ? <FitBadge file={file} /> : NONE}</Table.Td>
    ),
    fileType: () => (
      <Table.Td className={classes.nowrap}>
        <Fact name="fileType" value={facts.fileType}>{facts.fileType}</Fact>
      </Table.Td>
    ),
    architecture: () => (
      <Table.Td>
        <Fact name="architecture" value={facts.architecture}>{facts.architecture}</Fact>
      </Table.Td>
    ),
    parameters: () => (
      <Table.Td className={classes.num}>
        <Fact name="parameters" value={facts.parameterCount}>{format.parameters(facts.parameterCount)}</Fact>
      </Table.Td>
    ),
    contextLength: () => (
      <Table.Td className={classes.num}>
        <Fact name="contextLength" value={facts.contextLength}>{count(facts.contextLength).text}</Fact>
      </Table.Td>
    ),
    kind: () => (
      <Table.Td>
        <Badge variant={facts.kind === 'adapter' ? 'outline' : 'light'} color={facts.kind === 'adapter' ? 'grape' : 'gray'} style={{ overflow: 'visible' }}>
          <Fact name="kind" value={facts.kind}>{t(`models.kind.${facts.kind}`)}</Fact>
        </Badge>
      </Table.Td>
    ),
    blockCount: () => (
      <Table.Td className={classes.num}>
        <Fact name="blockCount" value={facts.blockCount}>{count(facts.blockCount).text}</Fact>
      </Table.Td>
    ),
    heads: () => (
      <Table.Td className={classes.nowrap}>
        <Fact name="headCount" value={heads.value}>{heads.text}</Fact>
        {' / '}
        <Fact name="headCountKv" value={kvHeads.value}>{kvHeads.text}</Fact>
        {gqa && (
          <Tooltip label={t('models.hint.gqa', { kv: facts.headCountKv, heads: facts.headCount })} multiline w={260}>
            <Badge ml={6} size="sm" variant="light" color="blue" data-testid="badge-gqa">
              {t('models.badge.gqa')}
            </Badge>
          </Tooltip>
        )}
      </Table.Td>
    ),
    experts: () => (
      <Table.Td className={classes.nowrap}>
        {/* "used / total"; a dense model shows one dash (the other stays in the DOM for tests). */}
        <Fact name="expertUsedCount" value={expertsUsed.value} hidden={facts.expertCount === null}>
          {expertsUsed.text}
        </Fact>
        {facts.expertCount !== null && ' / '}
        <Fact name="expertCount" value={experts.value}>{experts.text}</Fact>
        {moe && (
          <Tooltip label={t('models.hint.moe', { used: facts.expertUsedCount ?? NONE, total: facts.expertCount })} multiline w={260}>
            <Badge ml={6} size="sm" variant="light" color="orange" data-testid="badge-moe">
              {t('models.badge.moe')}
            </Badge>
          </Tooltip>
        )}
      </Table.Td>
    ),
    slidingWindow: () => (
      <Table.Td className={classes.num}>
        <Fact name="slidingWindow" value={facts.slidingWindow}>{count(facts.slidingWindow).text}</Fact>
      </Table.Td>
    ),
  };

  return (
    <FileRow file={file} invalid={false} duplicates={duplicates} onOpen={onOpen}>
      {columns.map((column) => (column === 'name' || column === 'size' ? null : <Fragment key={column}>{cells[column]()}</Fragment>))}
    </FileRow>
  );
}
