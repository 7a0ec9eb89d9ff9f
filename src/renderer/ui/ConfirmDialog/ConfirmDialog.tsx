import { Button, Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface ConfirmDialogProps {
  opened: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks before something is deleted for good. */
export function ConfirmDialog({ opened, title, body, confirmLabel, onConfirm, onCancel }: ConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onCancel} title={title} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Text size="sm">{body}</Text>
      <Group justify="flex-end" mt="lg" gap="xs">
        <Button variant="default" onClick={onCancel} data-testid="confirm-cancel">
          {t('common.cancel')}
        </Button>
        <Button color="red" onClick={onConfirm} data-testid="confirm-delete" data-autofocus>
          {confirmLabel}
        </Button>
      </Group>
    </Modal>
  );
}
