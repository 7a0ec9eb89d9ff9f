import { Alert, Loader } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoadSettingsPatch } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { describeCallError } from '../../../platform/errors';
import { fetchLoadSettings, saveLoadSettings, useLoadSettingsStore } from '../../../state/loadSettingsStore';
import { LoadSettingsForm } from '../../../ui/LoadSettingsForm/LoadSettingsForm';
import { useChatModels } from '../chatModels';

/** The load settings kept for `path` on the host, edited in the shared form; saved as they change. */
export function ChatLoadSettings({ path }: { path: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const value = useLoadSettingsStore((s) => s.saved[path]);
  const facts = useChatModels()?.find((m) => m.path === path)?.facts ?? null;
  const [problem, setProblem] = useState<unknown>(null);

  useEffect(() => {
    fetchLoadSettings(client, path).then(() => setProblem(null), setProblem);
  }, [client, path]);

  const save = (next: LoadSettingsPatch) => {
    setProblem(null);
    saveLoadSettings(client, path, next).catch(setProblem);
  };

  return (
    <>
      {problem !== null && (
        <Alert color="red" mb="sm" role="alert" data-testid="load-settings-error">
          {describeCallError(t, problem)}
        </Alert>
      )}
      {value ? <LoadSettingsForm path={path} value={value} facts={facts} onChange={save} /> : problem === null && <Loader size="xs" />}
    </>
  );
}
