import { Alert, Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../../ui/Icon/Icon';
import { useCopy } from '../../../../ui/useCopy';

interface NewKeyModalProps {
  /** The key just created, the only time it is known; null = closed. */
  created: { name: string; key: string } | null;
  onDone: () => void;
}

/**
 * Shows a new key once. It closes only through "I saved it": a click beside it or Escape would
 * lose a key that cannot be shown again.
 */
export function NewKeyModal({ created, onDone }: NewKeyModalProps) {
  const { t } = useTranslation();
  const { copied, copy } = useCopy();
  const labelId = useId();
  return (
    <Modal
      opened={created !== null}
      onClose={onDone}
      title={t('settings.localApi.keys.created.title')}
      centered
      size="lg"
      withCloseButton={false}
      closeOnClickOutside={false}
      closeOnEscape={false}
      data-testid="api-new-key-modal"
    >
      {created && (
        <Stack gap="md">
          <Alert color="yellow" variant="light" icon={<Icon name="warning" />}>
            {t('settings.localApi.keys.created.warning')}
          </Alert>
          <div>
            <Text size="sm" fw={500} id={labelId} mb={4}>
              {t('settings.localApi.keys.created.keyLabel', { name: created.name })}
            </Text>
            <Code block aria-labelledby={labelId} style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap', userSelect: 'all' }} data-testid="api-new-key">
              {created.key}
            </Code>
          </div>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" leftSection={<Icon name={copied ? 'check' : 'copy'} size={16} />} onClick={() => copy(created.key)} data-autofocus data-testid="api-new-key-copy">
              <span aria-live="polite">{t(copied ? 'settings.localApi.keys.created.copied' : 'settings.localApi.keys.created.copy')}</span>
            </Button>
            <Button onClick={onDone} data-testid="api-new-key-done">
              {t('settings.localApi.keys.created.done')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
