import { Button, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelFile } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { describeCallError } from '../../../platform/errors';
import { ConfirmDialog } from '../../../ui/ConfirmDialog/ConfirmDialog';
import { useFormat } from '../../../ui/useFormat';
import { runScan } from '../libraryStore';

/** Deletes the file for good, after asking; the library is rescanned afterwards. */
export function DeleteFile({ file, onDeleted }: { file: ModelFile; onDeleted: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useClient();
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);

  const remove = async () => {
    setAsking(false);
    setProblem(null);
    try {
      await client.library.delete({ path: file.path });
      onDeleted();
      void runScan(client);
    } catch (error) {
      setProblem(error);
    }
  };

  return (
    <div>
      <Button variant="light" color="red" onClick={() => setAsking(true)} data-testid="delete-file">
        {t('models.inspector.delete')}
      </Button>
      {problem !== null && (
        <Text size="sm" c="red" mt={4} role="alert" data-testid="delete-error">
          {describeCallError(t, problem)}
        </Text>
      )}
      <ConfirmDialog
        opened={asking}
        title={t('models.inspector.deleteTitle')}
        body={t('models.inspector.deleteBody', { file: file.relativePath, size: format.bytes(file.sizeBytes) })}
        confirmLabel={t('models.inspector.deleteConfirm')}
        onConfirm={() => void remove()}
        onCancel={() => setAsking(false)}
      />
    </div>
  );
}
