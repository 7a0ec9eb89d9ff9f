import { Alert, Button, Group, NumberInput, Text } from '@mantine/core';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeCallError } from '../../../../platform/errors';
import { wholeNumberIn } from '../inputRules';

interface NumberSettingFormProps {
  label: string;
  description: string;
  /** The saved value; mount with it as the key so a change from elsewhere resets the draft. */
  saved: number;
  min: number;
  max: number;
  /** Said when the draft is not a whole number within the bounds. */
  invalidMessage: string;
  onSave: (value: number) => Promise<boolean>;
  busy: boolean;
  error: unknown;
  testId: string;
}

/**
 * A number saved on purpose (Enter or Save), not per keystroke: a port that changes while typing
 * 4-7-5-1 would open and close four servers.
 */
export function NumberSettingForm({ label, description, saved, min, max, invalidMessage, onSave, busy, error, testId }: NumberSettingFormProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | number>(saved);
  const [invalid, setInvalid] = useState(false);
  const hintId = useId();
  const value = wholeNumberIn(draft, min, max);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value === null) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    void onSave(value);
  };

  const message = invalid ? invalidMessage : error !== null ? describeCallError(t, error) : null;
  return (
    <form onSubmit={submit}>
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <NumberInput
          label={label}
          aria-describedby={hintId}
          value={draft}
          onChange={(next) => {
            setDraft(next);
            setInvalid(false);
          }}
          min={min}
          max={max}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          error={message !== null}
          // The field is narrow, its label is not: only the box gets the width.
          styles={{ wrapper: { width: 200 } }}
          data-testid={`${testId}-input`}
        />
        <Button type="submit" variant="default" loading={busy} disabled={value === saved} data-testid={`${testId}-save`}>
          {t('settings.localApi.save')}
        </Button>
      </Group>
      <Text id={hintId} size="xs" c="dimmed" mt={4}>
        {description}
      </Text>
      {message !== null && (
        <Alert color={invalid ? 'yellow' : 'red'} variant="light" mt="xs" role="alert" data-testid={`${testId}-error`}>
          {message}
        </Alert>
      )}
    </form>
  );
}
