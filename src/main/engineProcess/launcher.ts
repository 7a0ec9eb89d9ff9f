import { fork } from 'node:child_process';
import { forkArgs, type EntryPoint } from '../base/entryPoints';

/** What the supervisor needs from a child process; Node's fork and Electron's utilityProcess both fit. */
export interface EngineProcess {
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
  readonly pid: number | undefined;
}

/** `env` adds variables for this child only (the quantize process's priority). */
export type EngineLauncher = (entry: EntryPoint, env?: Record<string, string>) => EngineProcess;

export const forkLauncher: EngineLauncher = (entry, env) => {
  const { modulePath, execArgv } = forkArgs(entry);
  const child = fork(modulePath, [], {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
    env: env ? { ...process.env, ...env } : process.env,
  });
  return {
    postMessage: (m) => child.send(m as object),
    onMessage: (l) => child.on('message', l),
    onExit: (l) => child.on('exit', (code) => l(code)),
    kill: () => child.kill('SIGKILL'),
    get pid() {
      return child.pid;
    },
  };
};
