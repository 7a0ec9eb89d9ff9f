import { Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConnectionsStore } from '../../../state/connections';
import { Icon } from '../../../ui/Icon/Icon';
import { Section } from '../../../ui/Section/Section';
import { ConnectionForm } from '../ConnectionForm/ConnectionForm';
import { ConnectionRow } from '../ConnectionRow/ConnectionRow';

/** Settings → Remote engines: the OpenAI-compatible servers whose models answer beside local files. */
export function RemoteEnginesSection() {
  const { t } = useTranslation();
  const connections = useConnectionsStore((s) => s.connections);
  const [adding, setAdding] = useState(false);
  return (
    <Section title={t('remote.section.title')} description={t('remote.section.description')} testId="remote-section">
      <Stack gap="sm">
        {connections?.length === 0 && !adding && (
          <Text size="sm" c="dimmed">
            {t('remote.section.empty')}
          </Text>
        )}
        {connections?.map((c) => <ConnectionRow key={c.id} connection={c} />)}
        {adding ? (
          <ConnectionForm onDone={() => setAdding(false)} />
        ) : (
          <Button variant="light" leftSection={<Icon name="plus" size={16} />} onClick={() => setAdding(true)} style={{ alignSelf: 'flex-start' }} data-testid="connection-add">
            {t('remote.section.add')}
          </Button>
        )}
      </Stack>
    </Section>
  );
}
