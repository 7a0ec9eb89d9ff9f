import { NativeSelect, type NativeSelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { modelKey, modelName, refOfKey, type ModelFile, type ModelRef } from '../../../shared/contract';
import { useConnectionsStore } from '../../state/connections';
import { Icon } from '../Icon/Icon';

interface ModelSelectProps extends Omit<NativeSelectProps, 'data' | 'value' | 'onChange'> {
  /** Library files that are models; null while the library loads. */
  files: ModelFile[] | null;
  value: ModelRef | null;
  onChange: (model: ModelRef | null) => void;
  /** The first, empty choice ("Choose a model…"). */
  placeholder: string;
  /** Shown instead of a file that is no longer in the folders. */
  missingLabel: (name: string) => string;
}

/**
 * One picker for every place a model is chosen (Chat, a Compare pane, a suite): the files on this
 * computer, then each remote engine's models as its last test listed them (an untested one has none yet).
 */
export function ModelSelect({ files, value, onChange, placeholder, missingLabel, ...props }: ModelSelectProps) {
  const { t } = useTranslation();
  const connections = useConnectionsStore((s) => s.connections) ?? [];
  const selected = value ? modelKey(value) : '';
  const local = (files ?? []).map((f) => ({ value: modelKey({ kind: 'local', path: f.path }), label: f.displayName ?? f.relativePath }));
  const remote = connections.map((c) => ({
    group: t('remote.picker.remote', { name: c.name }),
    items: (c.lastTest?.models ?? []).map((m) => ({ value: modelKey({ kind: 'remote', connectionId: c.id, model: m }), label: m })),
  }));
  const known = new Set([...local.map((o) => o.value), ...remote.flatMap((g) => g.items.map((o) => o.value))]);
  const extra = value && !known.has(selected) ? [{ value: selected, label: missingLabel(modelName(value, connections)) }] : [];
  const data = [
    { value: '', label: placeholder },
    ...extra,
    ...(remote.length ? [{ group: t('remote.picker.local'), items: local }, ...remote.filter((g) => g.items.length)] : local),
  ];
  return (
    <NativeSelect
      data={data}
      value={selected}
      onChange={(e) => onChange(e.currentTarget.value ? refOfKey(e.currentTarget.value) : null)}
      leftSection={<Icon name="models" size={16} />}
      {...props}
    />
  );
}
