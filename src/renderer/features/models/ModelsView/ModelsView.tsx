import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelFile } from '../../../../shared/contract';
import { useAppStore, useClient } from '../../../state/appStore';
import { isConnectionError } from '../../../platform/errors';
import { navigate, routeHref, useRouteQuery } from '../../../state/routes';
import { FolderSuggestions } from '../../../ui/FolderSuggestions/FolderSuggestions';
import { Icon } from '../../../ui/Icon/Icon';
import { useFormat } from '../../../ui/useFormat';
import { findDuplicates } from '../duplicates';
import { filterFiles } from '../filterFiles';
import { estimateFits } from '../fitStore';
import { cancelScan, runScan, useLibraryStore, watchLibrary } from '../libraryStore';
import { FolderWarnings } from '../FolderWarnings/FolderWarnings';
import { OpenFileNotice } from '../OpenFileNotice/OpenFileNotice';
import { findOpenedFile } from '../openFile';
import { ModelFilters } from '../ModelFilters/ModelFilters';
import { ModelInspector } from '../ModelInspector/ModelInspector';
import { ModelsEmpty } from '../ModelsEmpty/ModelsEmpty';
import { ModelTable } from '../ModelTable/ModelTable';
import { ScanStatus } from '../ScanStatus/ScanStatus';

/** The library: every GGUF file in the model folders, scanned when the view opens. */
export function ModelsView() {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useClient();
  // Rescan when the folder list changes (here or in another window).
  const foldersKey = useAppStore((s) => JSON.stringify(s.settings?.modelFolders ?? []));
  const snapshot = useLibraryStore((s) => s.snapshot);
  const scanning = useLibraryStore((s) => s.scanning);
  const query = useLibraryStore((s) => s.query);
  const hideInvalid = useLibraryStore((s) => s.hideInvalid);
  const duplicatesOnly = useLibraryStore((s) => s.duplicatesOnly);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const connected = useAppStore((s) => s.connection === 'connected');
  const lostConnection = useLibraryStore((s) => isConnectionError(s.error));

  useEffect(() => {
    void runScan(client);
    return cancelScan;
  }, [client, foldersKey]);

  // Files added, removed or renamed in a model folder arrive without a rescan.
  useEffect(() => {
    const controller = new AbortController();
    void watchLibrary(client, controller.signal);
    return () => controller.abort();
  }, [client]);

  // A scan cut off by a dropped connection is retried once the connection is back.
  useEffect(() => {
    if (connected && lostConnection) void runScan(client);
  }, [client, connected, lostConnection]);

  const files = useMemo(() => snapshot?.files ?? [], [snapshot]);
  useEffect(() => {
    if (!scanning) estimateFits(client, files);
  }, [client, files, scanning]);
  const duplicates = useMemo(() => findDuplicates(files), [files]);
  const shown = useMemo(
    () => filterFiles(files, { query, hideInvalid, duplicatesOnly }, duplicates),
    [files, query, hideInvalid, duplicatesOnly, duplicates],
  );
  // A file the OS asked to open (`#/models?open=<path>`) has its inspector open once the scan
  // lists it, until the user closes it or opens another.
  const openPath = useRouteQuery('open');
  const opened = openPath ? findOpenedFile(files, openPath) : null;
  const selected = opened ?? files.find((f) => f.id === selectedId) ?? null;
  const closeOpenRequest = () => {
    if (openPath) navigate(routeHref('models'), { replace: true });
  };
  const totalBytes = files.reduce((sum, f) => sum + f.sizeBytes, 0);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Title order={1} size="h2">
            {t('models.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('models.subtitle')}
          </Text>
        </div>
        <Button
          variant="default"
          leftSection={<Icon name="refresh" size={16} />}
          onClick={() => void runScan(client)}
          title={t('models.rescanHint')}
          data-testid="rescan"
        >
          {t('models.rescan')}
        </Button>
      </Group>

      <ScanStatus />
      {openPath && !opened && snapshot && !scanning && <OpenFileNotice path={openPath} onCancel={closeOpenRequest} />}
      {/* With no file at all, the empty state offers them with the other first steps. */}
      {files.length > 0 && <FolderSuggestions />}
      {snapshot && <FolderWarnings folders={snapshot.folders} />}

      {snapshot && files.length === 0 && !scanning && <ModelsEmpty />}

      {files.length > 0 && (
        <>
          <ModelFilters shown={shown.length} total={files.length} duplicates={duplicates.size} />
          {shown.length > 0 ? (
            <ModelTable
              files={shown}
              duplicates={duplicates}
              onOpen={(file: ModelFile) => {
                closeOpenRequest();
                setSelectedId(file.id);
              }}
            />
          ) : (
            <Group gap="sm" data-testid="no-matches">
              <Text c="dimmed">{t('models.filter.noMatches')}</Text>
              <Button variant="subtle" size="compact-sm" onClick={() => useLibraryStore.setState({ query: '', hideInvalid: false, duplicatesOnly: false })}>
                {t('models.filter.clear')}
              </Button>
            </Group>
          )}
          {snapshot && (
            <Text size="xs" c="dimmed" data-testid="library-summary">
              {t('models.summary', {
                count: files.length,
                size: format.bytes(totalBytes),
                time: format.time(snapshot.scannedAt),
              })}
            </Text>
          )}
        </>
      )}

      <ModelInspector
        file={selected}
        duplicates={selected ? duplicates.get(selected.id) : undefined}
        onClose={() => {
          closeOpenRequest();
          setSelectedId(null);
        }}
      />
    </Stack>
  );
}
