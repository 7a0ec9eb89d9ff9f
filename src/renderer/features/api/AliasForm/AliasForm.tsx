import { Alert, Button, Group, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiModel } from '../../../../shared/contract';
import { updateSettings, useSettings } from '../../../state/appStore';
import { describeCallError } from '../../../platform/errors';
import { Icon } from '../../../ui/Icon/Icon';
import { aliasProblem, withAlias, type AliasProblem } from '../aliases';

type Problem = { kind: 'rule'; problem: NonNullable<AliasProblem> } | { kind: 'call'; error: unknown } | null;

interface AliasFormProps {
  model: ApiModel;
  /** Every model, to refuse a name one of them already answers to. */
  models: readonly ApiModel[];
}

/** "Add alias": a button that opens a one-line form in the row; saving writes the alias setting. */
export function AliasForm({ model, models }: AliasFormProps) {
  const { t } = useTranslation();
  const { apiAliases } = useSettings();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);

  const close = () => {
    setOpen(false);
    setDraft('');
    setProblem(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const alias = draft.trim();
    const rule = aliasProblem(models, alias);
    if (rule) {
      setProblem({ kind: 'rule', problem: rule });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await updateSettings({ apiAliases: withAlias(apiAliases, alias, model.path) });
      close();
    } catch (error) {
      setProblem({ kind: 'call', error });
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <Button
        size="compact-xs"
        variant="subtle"
        leftSection={<Icon name="plus" size={12} />}
        onClick={() => setOpen(true)}
        aria-label={t('api.models.alias.addLabel', { model: model.id })}
        data-testid="api-alias-add"
      >
        {t('api.models.alias.add')}
      </Button>
    );
  }

  const message =
    problem?.kind === 'rule'
      ? problem.problem.kind === 'invalid'
        ? t('api.models.alias.invalid')
        : t('api.models.alias.taken', { alias: draft.trim(), model: problem.problem.model })
      : problem?.kind === 'call'
        ? describeCallError(t, problem.error)
        : null;

  return (
    <form onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Escape' && close()}>
      <Group gap={4} wrap="nowrap" align="flex-start">
        <TextInput
          size="xs"
          aria-label={t('api.models.alias.inputLabel', { model: model.id })}
          placeholder={t('api.models.alias.placeholder')}
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          error={message !== null}
          maxLength={100}
          spellCheck={false}
          autoComplete="off"
          // Opened by the user's own click on "Add alias": focus goes where they will type.
          autoFocus
          data-testid="api-alias-input"
        />
        <Button type="submit" size="xs" loading={busy} disabled={draft.trim() === ''} data-testid="api-alias-save">
          {t('api.models.alias.save')}
        </Button>
        <Button size="xs" variant="default" onClick={close} disabled={busy}>
          {t('api.models.alias.cancel')}
        </Button>
      </Group>
      {message !== null && (
        <Alert color={problem?.kind === 'rule' ? 'yellow' : 'red'} variant="light" mt={4} p="xs" role="alert" data-testid="api-alias-error">
          {message}
        </Alert>
      )}
    </form>
  );
}
