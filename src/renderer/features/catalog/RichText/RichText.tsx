import { Code } from '@mantine/core';
import { Fragment } from 'react';

/** Catalog prose marks identifiers (GGUF keys, architecture names) with backticks; show them as code. */
export function RichText({ text }: { text: string }) {
  return (
    <>
      {text.split(/`([^`]+)`/).map((part, i) =>
        i % 2 === 1 ? <Code key={i}>{part}</Code> : <Fragment key={i}>{part}</Fragment>,
      )}
    </>
  );
}
