import { implement } from '@orpc/server';
import { contract } from '../shared/contract';
import { appError } from './base/appError';
import { iterateEvent } from './base/emitter';
import { exportComparison } from './services/compare/compareExport';
import { exportHistory } from './services/history/historyExport';
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
      suggestedFolders: os.library.suggestedFolders.handler(() => services.folderSuggestions.list()),
      dismissSuggestedFolder: os.library.dismissSuggestedFolder.handler(({ input }) => services.folderSuggestions.dismiss(input.path)),
      onOpenRequest: os.library.onOpenRequest.handler(({ signal }) => services.openRequests.follow(signal)),
    },
    engine: {
      defaults: os.engine.defaults.handler(() => services.engineService.defaults()),
      estimate: os.engine.estimate.handler(({ input }) => services.engineService.estimate(input.path, input.settings)),
      fit: os.engine.fit.handler(({ input }) => services.engineService.fit(input.path, input.contextSize)),
      // The window's load (Chat): shared with an instance of equal settings, held until ejected.
      load: os.engine.load.handler(({ input, signal }) => services.resolver.load(input.path, input.settings, 'user', signal)),
      unload: os.engine.unload.handler(({ input }) => services.resolver.unload(input.instanceId)),
      list: os.engine.list.handler(() => services.resolver.list()),
      savedSettings: os.engine.savedSettings.handler(({ input }) => services.engineService.savedSettings(input.path)),
      saveSettings: os.engine.saveSettings.handler(({ input }) => services.engineService.saveSettings(input.path, input.settings)),
      onDidChange: os.engine.onDidChange.handler(({ signal }) =>
        iterateEvent(services.resolver.onDidChange, signal, () => services.resolver.list()),
      ),
    },
    chat: {
      list: os.chat.list.handler(({ input }) => services.chat.list(input.cursor, input.limit)),
      // `reset` first: the subscriber loads the first page once it is sure to hear every change after it.
      onDidChange: os.chat.onDidChange.handler(({ signal }) =>
        iterateEvent(services.chat.onDidChange, signal, () => ({ type: 'reset' as const })),
      ),
      create: os.chat.create.handler(({ input }) => services.chat.create(input)),
      get: os.chat.get.handler(({ input }) => services.chat.get(input.id)),
      messages: os.chat.messages.handler(({ input }) => services.chat.messages(input.conversationId, input.before, input.limit)),
      update: os.chat.update.handler(({ input: { id, ...patch } }) => services.chat.update(id, patch)),
      delete: os.chat.delete.handler(({ input }) => services.chat.delete(input.id)),
      selectBranch: os.chat.selectBranch.handler(({ input }) => services.chat.selectBranch(input.messageId)),
      send: os.chat.send.handler(({ input, signal }) => services.chat.send(input, signal)),
      regenerate: os.chat.regenerate.handler(({ input, signal }) => services.chat.regenerate(input.messageId, signal, input.instanceId)),
      continue: os.chat.continue.handler(({ input, signal }) => services.chat.continue(input.messageId, signal, input.instanceId)),
      stop: os.chat.stop.handler(({ input }) => services.chat.stop(input.conversationId)),
      deleteMessage: os.chat.deleteMessage.handler(({ input }) => services.chat.deleteMessage(input.messageId)),
      search: os.chat.search.handler(({ input }) => services.chat.search(input)),
      export: os.chat.export.handler(({ input }) => services.chat.export(input.id, input.format)),
      import: os.chat.import.handler(({ input }) => services.chat.import(input.content)),
    },
    catalog: {
      list: os.catalog.list.handler(() => services.catalog.list()),
      starter: os.catalog.starter.handler(({ input }) => services.starter.pick(input.language)),
    },
    hub: {
      status: os.hub.status.handler(() => services.hub.status()),
      setToken: os.hub.setToken.handler(({ input }) => services.hub.setToken(input.token)),
      search: os.hub.search.handler(({ input }) => services.hub.search(input.query, input.sort, input.limit)),
      model: os.hub.model.handler(({ input }) => services.hub.model(input.repoId)),
      fit: os.hub.fit.handler(({ input }) => services.hub.fit(input.repoId, input.path, input.revision, input.contextSize)),
    },
    compare: {
      list: os.compare.list.handler(() => services.compare.list()),
      create: os.compare.create.handler(({ input }) => services.compare.create(input)),
      get: os.compare.get.handler(({ input }) => services.compare.get(input.id)),
      delete: os.compare.delete.handler(({ input }) => services.compare.delete(input.id)),
      update: os.compare.update.handler(({ input: { id, ...patch } }) => services.compare.update(id, patch)),
      updatePane: os.compare.updatePane.handler(({ input: { id, position, ...patch } }) => services.compare.updatePane(id, position, patch)),
      setPaneCount: os.compare.setPaneCount.handler(({ input }) => services.compare.setPaneCount(input.id, input.count)),
      loadPane: os.compare.loadPane.handler(({ input, signal }) => services.compare.loadPane(input.id, input.position, signal)),
      unloadPane: os.compare.unloadPane.handler(({ input }) => services.compare.unloadPane(input.id, input.position)),
      send: os.compare.send.handler(({ input, signal }) => services.compare.send(input.id, input.content, signal)),
      stop: os.compare.stop.handler(({ input }) => services.compare.stop(input.id)),
      export: os.compare.export.handler(({ input }) => exportComparison(services.compare.get(input.id), input.format, services.remote.list())),
      vote: os.compare.vote.handler(({ input }) => services.compare.vote(input.id, input.round, input.outcome)),
    },
    arena: {
      leaderboard: os.arena.leaderboard.handler(({ input }) => services.compare.leaderboard(input.tag)),
    },
    suites: {
      list: os.suites.list.handler(() => services.suites.list()),
      save: os.suites.save.handler(({ input }) => services.suites.save(input)),
      delete: os.suites.delete.handler(({ input }) => services.suites.delete(input.id)),
      runs: os.suites.runs.handler(() => services.suites.runs()),
      start: os.suites.start.handler(({ input }) => services.suites.start(input.suiteId, input.models, input.warmUp)),
      cancel: os.suites.cancel.handler(({ input }) => services.suites.cancel(input.runId)),
      resume: os.suites.resume.handler(({ input }) => services.suites.resume(input.runId)),
      get: os.suites.get.handler(({ input }) => services.suites.get(input.runId)),
      deleteRun: os.suites.deleteRun.handler(({ input }) => services.suites.deleteRun(input.runId)),
      export: os.suites.export.handler(({ input }) => services.suites.export(input.runId, input.format)),
      onDidChange: os.suites.onDidChange.handler(({ signal }) =>
        iterateEvent(services.suites.onDidChange, signal, () => services.suites.runs()),
      ),
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
    quantize: {
      plan: os.quantize.plan.handler(({ input }) => services.quantize.plan(input)),
      start: os.quantize.start.handler(({ input }) => services.quantize.start(input)),
      cancel: os.quantize.cancel.handler(({ input }) => services.quantize.cancel(input.id)),
      remove: os.quantize.remove.handler(({ input }) => services.quantize.remove(input.id)),
      list: os.quantize.list.handler(() => services.quantize.list()),
      onDidChange: os.quantize.onDidChange.handler(({ signal }) =>
        iterateEvent(services.quantize.onDidChange, signal, () => services.quantize.list()),
      ),
      lineage: os.quantize.lineage.handler(({ input }) => services.quantize.lineageOf(input.path)),
    },
    quality: {
      measure: os.quality.measure.handler(({ input, signal }) => services.quality.measure(input, signal)),
      results: os.quality.results.handler(({ input }) => services.quality.results(input.path)),
      family: os.quality.family.handler(({ input }) => services.quality.family(input.path)),
    },
    lora: {
      forModel: os.lora.forModel.handler(({ input }) => services.lora.forModel(input.path)),
    },
    remote: {
      list: os.remote.list.handler(() => services.remote.list()),
      create: os.remote.create.handler(({ input }) => services.remote.create(input)),
      update: os.remote.update.handler(({ input: { id, ...patch } }) => services.remote.update(id, patch)),
      delete: os.remote.delete.handler(({ input }) => services.remote.delete(input.id)),
      test: os.remote.test.handler(({ input, signal }) => services.remote.test(input.id, signal)),
    },
    api: {
      status: os.api.status.handler(() => services.api.status()),
      onDidChangeStatus: os.api.onDidChangeStatus.handler(({ signal }) =>
        iterateEvent(services.api.onDidChangeStatus, signal, () => services.api.status()),
      ),
      models: os.api.models.handler(() => services.api.models()),
      keys: {
        list: os.api.keys.list.handler(() => services.api.listKeys()),
        create: os.api.keys.create.handler(({ input }) => services.api.keys.create(input.name)),
        revoke: os.api.keys.revoke.handler(({ input }) => services.api.keys.revoke(input.id)),
      },
      log: os.api.log.handler(({ input }) => services.api.log.page(input.limit, input.beforeId)),
      onDidLog: os.api.onDidLog.handler(({ signal }) => iterateEvent(services.api.log.onDidLog, signal)),
    },
    storage: {
      info: os.storage.info.handler(() => services.storage.info()),
      compact: os.storage.compact.handler(() => services.storage.compact()),
    },
    history: {
      export: os.history.export.handler(({ signal }) => exportHistory(services.chatStore, signal)),
      importChunk: os.history.importChunk.handler(({ input }) => {
        if (services.storage.compacting) throw appError('STORAGE_BUSY', { reason: 'COMPACTING' });
        return services.historyImports.chunk(input);
      }),
      importCancel: os.history.importCancel.handler(({ input }) => services.historyImports.cancel(input.importId)),
    },
    bench: {
      start: os.bench.start.handler(({ input, signal }) => services.bench.start(input, signal)),
      cancel: os.bench.cancel.handler(({ input }) => services.bench.cancel(input.runId)),
      runs: os.bench.runs.handler(({ input }) => services.bench.runs(input.path, input.limit)),
      get: os.bench.get.handler(({ input }) => services.bench.get(input.runId)),
      delete: os.bench.delete.handler(({ input }) => services.bench.delete(input.runId)),
      export: os.bench.export.handler(({ input }) => services.bench.export(input.runIds, input.format)),
      machine: os.bench.machine.handler(() => services.bench.machine()),
      measureBandwidth: os.bench.measureBandwidth.handler(() => services.bench.measureBandwidth()),
      bestSettings: os.bench.bestSettings.handler(({ input }) => services.bench.bestSettings(input.path)),
      useAsDefault: os.bench.useAsDefault.handler(({ input }) => services.bench.useAsDefault(input.path, input.settings)),
    },
    engineBuild: {
      state: os.engineBuild.state.handler(() => services.engineBuild.current()),
      onDidChange: os.engineBuild.onDidChange.handler(({ signal }) =>
        iterateEvent(services.engineBuild.onDidChange, signal, () => services.engineBuild.state()),
      ),
      start: os.engineBuild.start.handler(() => services.engineBuild.start()),
      cancel: os.engineBuild.cancel.handler(() => services.engineBuild.cancel()),
      use: os.engineBuild.use.handler(({ input }) => services.engineBuild.use(input.use)),
    },
  });
}

export type AppRouter = ReturnType<typeof createRouter>;
