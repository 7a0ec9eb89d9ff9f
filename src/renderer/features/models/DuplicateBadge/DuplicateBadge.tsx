import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ModelFile } from '../../../../shared/contract';
import { fileLabel } from '../duplicates';

/** "Duplicate of …": the same bytes (SHA-256) lie elsewhere in the library. Nothing is deleted. */
export function DuplicateBadge({ others }: { others: readonly ModelFile[] }) {
  const { t } = useTranslation();
  const first = others[0];
  if (!first) return null;
  const label =
    others.length === 1
      ? t('models.duplicate.of', { file: fileLabel(first) })
      : t('models.duplicate.ofMore', { file: fileLabel(first), count: others.length - 1 });
  return (
    <Tooltip label={t('models.duplicate.hint', { files: others.map((o) => o.path).join('\n') })} multiline w={320} style={{ whiteSpace: 'pre-line' }}>
      {/* A long path wraps inside the badge rather than being cut off. */}
      <Badge
        size="sm"
        color="yellow"
        variant="light"
        maw={240}
        h="auto"
        styles={{ label: { whiteSpace: 'normal', overflowWrap: 'anywhere', lineHeight: 1.3, paddingBlock: 2 } }}
        data-testid="badge-duplicate"
        data-others={others.map(fileLabel).join('\n')}
      >
        {label}
      </Badge>
    </Tooltip>
  );
}
