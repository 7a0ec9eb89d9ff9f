import { Alert, Button, Code, Group, Progress, SegmentedControl, Spoiler, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngineBuildState } from '../../../../shared/contract';
import { useClient } from '../../../state/appStore';
import { follow } from '../../../platform/follow';
import { useFormat } from '../../../ui/useFormat';
import { Section } from '../../../ui/Section/Section';
import { CallError } from '../../../ui/CallError/CallError';
import { describeBuildRequirements } from '../../../platform/errors';

/** "Build the engine for this machine": start, progress, log, cancel, and which build new engines use. */
export function EngineBuildPanel({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const format = useFormat();
  const [state, setState] = useState<EngineBuildState | null>(null);
  const [problem, setProblem] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    void follow(controller.signal, async (signal) => {
      for await (const s of await client.engineBuild.onDidChange(undefined, { signal })) setState(s);
    });
    return () => controller.abort();
  }, [client]);

  const act = async (call: () => Promise<EngineBuildState>) => {
    setProblem(null);
    try {
      setState(await call());
      onChanged();
    } catch (error) {
      setProblem(error);
    }
  };

  if (!state) return null;
  const job = state.job;
  const running = job?.state === 'running';
  return (
    <Section title={t('bench.build.title')} description={t('bench.build.intro')} testId="engine-build">
      <Stack gap="sm">
        {!state.canBuild && (
          <Text size="sm" c="dimmed" data-testid="engine-build-cannot" data-missing={state.missing.join(' ')}>
            {t('bench.build.cannot', { missing: describeBuildRequirements(t, state.missing) })}
          </Text>
        )}
        {state.native && (
          <Text size="sm" data-testid="engine-build-native">
            {t('bench.build.native', { when: format.when(state.native.builtAt), systemInfo: state.native.systemInfo })}
          </Text>
        )}
        {state.native && state.nativeOutdated && (
          <Alert color="yellow" data-testid="engine-build-outdated">
            {t('bench.build.outdated')}
          </Alert>
        )}
        <Group>
          {running ? (
            <Button color="red" variant="light" onClick={() => void act(() => client.engineBuild.cancel())} data-testid="engine-build-cancel">
              {t('bench.build.cancel')}
            </Button>
          ) : (
            <Button disabled={!state.canBuild} onClick={() => void act(() => client.engineBuild.start())} data-testid="engine-build-start">
              {state.native ? t('bench.build.rebuild') : t('bench.build.start')}
            </Button>
          )}
          {state.native && (
            <SegmentedControl
              size="xs"
              value={state.use}
              onChange={(v) => void act(() => client.engineBuild.use({ use: v as 'native' | 'prebuilt' }))}
              aria-label={t('bench.build.use')}
              data={[
                { value: 'native', label: t('bench.build.useNative') },
                { value: 'prebuilt', label: t('bench.build.usePrebuilt') },
              ]}
            />
          )}
        </Group>
        {state.native && (
          <Text size="xs" c="dimmed">
            {t('bench.build.useHint')}
          </Text>
        )}
        {job && (
          <Stack gap={4} data-testid="engine-build-job" data-state={job.state}>
            {running && job.step && <Text size="sm">{t(`bench.build.step.${job.step}`)}</Text>}
            {running && (
              <Progress
                value={(job.progress ?? 0) * 100}
                animated={job.progress === null}
                aria-label={t('bench.build.progress')}
              />
            )}
            {job.state === 'succeeded' && <Alert color="green">{t('bench.build.succeeded')}</Alert>}
            {job.state === 'failed' && <Alert color="red">{t('bench.build.failed', { error: job.error ?? '' })}</Alert>}
            {job.state === 'cancelled' && <Alert color="gray">{t('bench.build.cancelled')}</Alert>}
            {job.log.length > 0 && (
              <Spoiler maxHeight={0} showLabel={t('bench.build.log')} hideLabel={t('common.close')}>
                <Code block mah={240} style={{ overflow: 'auto' }}>
                  {job.log.slice(-60).join('\n')}
                </Code>
              </Spoiler>
            )}
          </Stack>
        )}
        <CallError error={problem} />
      </Stack>
    </Section>
  );
}
