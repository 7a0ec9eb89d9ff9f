import { Button } from '@mantine/core';
import { Icon } from '../../../ui/Icon/Icon';
import { useCopy } from '../../../ui/useCopy';

interface CopyTextButtonProps {
  text: string;
  label: string;
  copiedLabel: string;
  /** What is copied, for screen readers ("Copy the base URL"). */
  ariaLabel: string;
  testId?: string;
}

/** A small "Copy" button that says "Copied" for a moment afterwards. */
export function CopyTextButton({ text, label, copiedLabel, ariaLabel, testId }: CopyTextButtonProps) {
  const { copied, copy } = useCopy();
  return (
    <Button
      size="compact-sm"
      variant="subtle"
      leftSection={<Icon name={copied ? 'check' : 'copy'} size={14} />}
      onClick={() => copy(text)}
      aria-label={ariaLabel}
      data-testid={testId}
      data-copied={copied}
    >
      <span aria-live="polite">{copied ? copiedLabel : label}</span>
    </Button>
  );
}
