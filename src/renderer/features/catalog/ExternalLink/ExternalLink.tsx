import { Anchor } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A link that leaves the app: a new browser tab in the headless host; in Electron the window-open
 * handler sends allow-listed https links to the OS browser (src/main/electron/security.ts).
 */
export function ExternalLink({ href, children, testId }: { href: string; children: ReactNode; testId?: string }) {
  return (
    <Anchor href={href} target="_blank" rel="noopener noreferrer" size="sm" data-testid={testId}>
      {children}
    </Anchor>
  );
}
