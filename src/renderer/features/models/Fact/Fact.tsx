import type { ReactNode } from 'react';

export type FactName =
  | 'architecture'
  | 'parameters'
  | 'fileType'
  | 'size'
  | 'contextLength'
  | 'blockCount'
  | 'headCount'
  | 'headCountKv'
  | 'expertCount'
  | 'expertUsedCount'
  | 'slidingWindow'
  | 'kind';

interface FactProps {
  name: FactName;
  /** The exact machine value (an integer, a code); absent for missing facts. */
  value?: string | number | null;
  children: ReactNode;
  hidden?: boolean;
}

/** One fact as shown in the table; its text is exactly the formatted value (a stable test hook). */
export function Fact({ name, value, children, hidden }: FactProps) {
  return (
    <span data-fact={name} data-value={value ?? undefined} hidden={hidden}>
      {children}
    </span>
  );
}
