import { Box, Collapse, Text, UnstyledButton } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../Icon/Icon';

/** The model's reasoning, collapsed by default; plain text, like the rest of the model's output inert. */
export function ThoughtSection({ reasoning, thinking }: { reasoning: string; thinking: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const regionId = useId();
  return (
    <Box mb="xs">
      <UnstyledButton
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        aria-controls={regionId}
        data-testid="thought-toggle"
        style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
      >
        <Icon name="bulb" size={14} />
        <Text size="xs" c="dimmed" component="span">
          {thinking ? t('chat.thought.thinking') : t('chat.thought.label')}
        </Text>
        <Icon name={open ? 'chevronDown' : 'chevronRight'} size={14} />
      </UnstyledButton>
      <Collapse expanded={open} id={regionId} keepMounted={false}>
        <Text
          size="xs"
          c="dimmed"
          mt={4}
          pl="sm"
          style={{ whiteSpace: 'pre-wrap', borderLeft: '2px solid var(--mantine-color-default-border)', overflowWrap: 'anywhere' }}
          data-testid="thought-content"
        >
          {reasoning}
        </Text>
      </Collapse>
    </Box>
  );
}
