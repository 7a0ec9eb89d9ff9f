import { DataList, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSystemInfo } from '../../../state/appStore';
import { Section } from '../../../ui/Section/Section';
import { useFormat } from '../../../ui/useFormat';
import { GpuDetails } from '../GpuDetails/GpuDetails';

/** Node's platform names are not what people call their OS. */
const osNames: Record<string, string> = { linux: 'Linux', darwin: 'macOS', win32: 'Windows', freebsd: 'FreeBSD' };

export function SystemSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const info = useSystemInfo();

  return (
    <Section title={t('settings.system.title')} description={t('settings.system.description')} testId="system-section">
      <DataList labelWidth={200} withDivider size="sm" data-testid="system-info">
        <Row id="appVersion" label={t('settings.system.appVersion')}>{info.appVersion}</Row>
        <Row id="shell" label={t('settings.system.shell')}>{t(`settings.system.shells.${info.shell}`)}</Row>
        <Row id="os" label={t('settings.system.os')}>{`${osNames[info.platform] ?? info.platform} ${info.osRelease}`}</Row>
        <Row id="arch" label={t('settings.system.arch')}>{info.arch}</Row>
        <Row id="cpu" label={t('settings.system.cpu')}>{info.cpuModel}</Row>
        <Row id="cores" label={t('settings.system.cores')}>{format.integer(info.cpuLogicalCores)}</Row>
        <Row id="memoryTotal" label={t('settings.system.memoryTotal')}>{format.memory(info.totalMemoryBytes)}</Row>
        <Row id="memoryFree" label={t('settings.system.memoryFree')}>{format.memory(info.freeMemoryBytes)}</Row>
        <Row id="dataDir" label={t('settings.system.dataDir')}>{info.dataDir}</Row>
        <Row id="modelsDir" label={t('settings.system.modelsDir')}>{info.modelsDir}</Row>
      </DataList>
      <Title order={3} size="h5">
        {t('settings.system.gpu.title')}
      </Title>
      <GpuDetails />
    </Section>
  );
}

function Row({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <DataList.Item data-testid={`system-${id}`}>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}
