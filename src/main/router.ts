import { implement } from '@orpc/server';
import { contract } from '../shared/contract';
import { iterateEvent } from './base/emitter';
import type { Services } from './composition';

/** The one implementation of the contract; every transport serves this object unchanged. */
export function createRouter(services: Services) {
  const os = implement(contract);

  return os.router({
    system: {
      info: os.system.info.handler(() => services.system.info()),
      gpu: os.system.gpu.handler(() => services.system.gpu()),
    },
    settings: {
      get: os.settings.get.handler(() => services.settings.get()),
      update: os.settings.update.handler(({ input }) => services.settings.update(input)),
      onDidChange: os.settings.onDidChange.handler(({ signal }) =>
        iterateEvent(services.settings.onDidChange, signal, () => services.settings.get()),
      ),
    },
    library: {
      list: os.library.list.handler(({ signal }) => services.library.list(signal)),
      scan: os.library.scan.handler(({ signal }) => services.library.scan(signal)),
    },
  });
}

export type AppRouter = ReturnType<typeof createRouter>;
