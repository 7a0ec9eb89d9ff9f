import { Box, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface FactItem {
  /** Stable hook for tests (`data-fact`). */
  key: string;
  label: string;
  value: ReactNode;
}

/** Label/value pairs as a description list, two columns of facts that wrap on narrow windows. */
export function FactGrid({ items }: { items: readonly FactItem[] }) {
  return (
    <Box
      component="dl"
      m={0}
      style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 'var(--mantine-spacing-md)', rowGap: 6 }}
    >
      {items.map((item) => (
        <Box key={item.key} style={{ display: 'contents' }} data-fact={item.key}>
          <Text component="dt" size="sm" c="dimmed">
            {item.label}
          </Text>
          <Text component="dd" size="sm" m={0}>
            {item.value}
          </Text>
        </Box>
      ))}
    </Box>
  );
}
