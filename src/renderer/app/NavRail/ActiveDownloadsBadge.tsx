import { Badge, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isActiveDownload, useDownloadsStore } from '../../state/downloadsStore';

/** How many downloads are running or waiting; nothing when none are, so the rail stays quiet. */
export function ActiveDownloadsBadge() {
  const { t } = useTranslation();
  const active = useDownloadsStore((s) => s.downloads?.filter(isActiveDownload).length ?? 0);
  if (active === 0) return null;
  return (
    <Badge size="sm" circle variant="filled" data-testid="nav-downloads-count" data-count={active}>
      <span aria-hidden="true">{active}</span>
      <VisuallyHidden>{t('nav.downloadsActive', { count: active })}</VisuallyHidden>
    </Badge>
  );
}
