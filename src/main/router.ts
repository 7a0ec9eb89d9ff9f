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
      delete: os.library.delete.handler(({ input }) => services.library.delete(input.path)),
      inspect: os.library.inspect.handler(({ input }) => services.library.inspect(input.path)),
      onDidChange: os.library.onDidChange.handler(({ signal }) => {
        // Subscribing starts watching the folders; the last snapshot comes first when there is one.
        services.library.watch();
        const current = services.library.current;
        return iterateEvent(services.library.onDidChange, signal, current ? () => services.library.current ?? current : undefined);
      }),
    },
    engine: {
      defaults: os.engine.defaults.handler(() => services.engineService.defaults()),
      estimate: os.engine.estimate.handler(({ input }) => services.engineService.estimate(input.path, input.settings)),
      fit: os.engine.fit.handler(({ input }) => services.engineService.fit(input.path, input.contextSize)),
      load: os.engine.load.handler(({ input, signal }) => services.engineService.load(input.path, input.settings, signal)),
      unload: os.engine.unload.handler(({ input }) => services.engineService.unload(input.instanceId)),
      list: os.engine.list.handler(() => services.engineService.list()),
      onDidChange: os.engine.onDidChange.handler(({ signal }) =>
        iterateEvent(services.engine.onDidChange, signal, () => services.engine.list()),
      ),
    },
    chat: {
      list: os.chat.list.handler(() => services.chat.list()),
      create: os.chat.create.handler(({ input }) => services.chat.create(input)),
      get: os.chat.get.handler(({ input }) => services.chat.get(input.id)),
      update: os.chat.update.handler(({ input: { id, ...patch } }) => services.chat.update(id, patch)),
      delete: os.chat.delete.handler(({ input }) => services.chat.delete(input.id)),
      selectBranch: os.chat.selectBranch.handler(({ input }) => services.chat.selectBranch(input.messageId)),
      send: os.chat.send.handler(({ input, signal }) => services.chat.send(input, signal)),
      regenerate: os.chat.regenerate.handler(({ input, signal }) => services.chat.regenerate(input.messageId, signal)),
      continue: os.chat.continue.handler(({ input, signal }) => services.chat.continue(input.messageId, signal)),
      deleteMessage: os.chat.deleteMessage.handler(({ input }) => services.chat.deleteMessage(input.messageId)),
      search: os.chat.search.handler(({ input }) => services.chat.search(input.query)),
      export: os.chat.export.handler(({ input }) => services.chat.export(input.id, input.format)),
      import: os.chat.import.handler(({ input }) => services.chat.import(input.content)),
    },
    catalog: {
      list: os.catalog.list.handler(() => services.catalog.list()),
    },
    hub: {
      status: os.hub.status.handler(() => services.hub.status()),
      setToken: os.hub.setToken.handler(({ input }) => services.hub.setToken(input.token)),
      search: os.hub.search.handler(({ input }) => services.hub.search(input.query, input.sort, input.limit)),
      model: os.hub.model.handler(({ input }) => services.hub.model(input.repoId)),
      fit: os.hub.fit.handler(({ input }) => services.hub.fit(input.repoId, input.path, input.revision, input.contextSize)),
    },
    downloads: {
      list: os.downloads.list.handler(() => services.downloads.list()),
      onDidChange: os.downloads.onDidChange.handler(({ signal }) =>
        iterateEvent(services.downloads.onDidChange, signal, () => services.downloads.list()),
      ),
      start: os.downloads.start.handler(({ input }) => services.downloads.start(input.repoId, input.path)),
      pause: os.downloads.pause.handler(({ input }) => services.downloads.pause(input.id)),
      resume: os.downloads.resume.handler(({ input }) => services.downloads.resume(input.id)),
      cancel: os.downloads.cancel.handler(({ input }) => services.downloads.cancel(input.id)),
      remove: os.downloads.remove.handler(({ input }) => services.downloads.remove(input.id)),
    },
  });
}

export type AppRouter = ReturnType<typeof createRouter>;
