import type { TFunction } from 'i18next';

/** A conversation gets its title from the first message; until then it is a "New chat". */
export function titleOf(t: TFunction, title: string): string {
  return title.trim() || t('chat.untitled');
}
