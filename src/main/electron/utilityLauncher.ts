import { utilityProcess } from 'electron';
import type { EngineLauncher } from '../engineProcess/launcher';

/** Electron's equivalent of fork: a Node process with no access to the window. */
export const utilityLauncher: EngineLauncher = (entry, env) => {
  const child = utilityProcess.fork(entry.file, [], {
    serviceName: 'Caliper engine',
    stdio: 'inherit',
    env: env ? { ...process.env, ...env } : undefined,
  });
  return {
    postMessage: (m) => child.postMessage(m),
    onMessage: (l) => child.on('message', l),
    onExit: (l) => child.on('exit', (code) => l(code)),
    kill: () => void child.kill(),
    get pid() {
      return child.pid;
    },
  };
};
