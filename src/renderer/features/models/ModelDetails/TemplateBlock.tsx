import { Button, Code, Group, ScrollArea, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChatTemplate } from '../../../../shared/contract';
import { useCopy } from '../../../ui/useCopy';

/**
 * A chat template as the file holds it. It is untrusted text from the header: rendered as a
 * React text child inside <pre>, so markup in it stays characters on screen.
 */
export function TemplateBlock({ template }: { template: ChatTemplate }) {
  const { t } = useTranslation();
  const { copied, copy } = useCopy();
  return (
    <div data-testid="chat-template" data-name={template.name ?? ''}>
      <Group justify="space-between" mb={4}>
        <Text size="sm" fw={500}>
          {template.name === null ? t('models.inspector.template.default') : t('models.inspector.template.named', { name: template.name })}
        </Text>
        <Button size="compact-xs" variant="subtle" onClick={() => copy(template.text)}>
          {copied ? t('models.inspector.template.copied') : t('models.inspector.template.copy')}
        </Button>
      </Group>
      <ScrollArea.Autosize mah={260} type="auto">
        <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="chat-template-text">
          {template.text}
        </Code>
      </ScrollArea.Autosize>
      {template.truncated && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('models.inspector.template.truncated')}
        </Text>
      )}
    </div>
  );
}
