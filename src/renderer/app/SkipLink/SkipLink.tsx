import { Anchor } from '@mantine/core';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './SkipLink.module.css';

/** First tab stop: jumps past the rail to the view. Focuses instead of navigating (the hash is the route). */
export function SkipLink({ targetId }: { targetId: string }) {
  const { t } = useTranslation();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    document.getElementById(targetId)?.focus();
  };
  return (
    <Anchor href={`#${targetId}`} onClick={onClick} className={classes.skip}>
      {t('app.skipToContent')}
    </Anchor>
  );
}
