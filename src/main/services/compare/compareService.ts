import {
  CompareOptionsSchema,
  type CompareEvent,
  type CompareOptions,
  type Comparison,
  type ComparisonSummary,
  type Conversation,
  type Leaderboard,
  type LoadEvent,
  type LoadSettingsPatch,
  type ModelRef,
  type Pane,
  type PaneConfig,
  type Sampling,
  type VoteOutcome,
  modelKey,
  sameModel,
} from '../../../shared/contract';
import { appError } from '../../base/appError';
import type { ChatService } from '../chat/chatService';
import type { ChatStore } from '../chat/chatStore';
import type { AnswerTarget } from '../inference/answerTarget';
import type { ModelResolver } from '../inference/modelResolver';
import { redactConversation, redactMessage, redactResult } from './blindRedaction';
import { leaderboard } from './bradleyTerry';
import type { CompareStore } from './compareStore';
import { runRound } from './roundRunner';

export interface CompareServiceDeps {
  store: CompareStore;
  chat: ChatService;
  chatStore: Pick<ChatStore, 'conversation'>;
  resolver: ModelResolver;
  /** A file's saved load settings: where a pane given a file and no load settings starts. */
  savedSettings: (path: string) => LoadSettingsPatch;
}

/** How a pane holds the instance it loaded (the resolver counts holders). */
const holderOf = (id: string, position: number) => `compare:${id}:${position}`;

export const paneLabel = (position: number) => String.fromCharCode(65 + position);

/**
 * Comparisons: 2–4 panes, each a conversation of its own with its own engine instance, one prompt
 * broadcast to all. Blind comparisons hide the models (and shuffle them) until the vote.
 */
export class CompareService {
  /** `${comparisonId}:${position}` → the engine instance this pane holds. Lives with the host. */
  private readonly bindings = new Map<string, string>();
  private readonly busy = new Set<string>();
  /** The round in progress per comparison. */
  private readonly running = new Map<string, AbortController>();
  /** Instances that already ran their warm-up. */
  private readonly warmed = new Set<string>();

  constructor(private readonly deps: CompareServiceDeps) {
    deps.resolver.setHiddenHolders((holder) => {
      const match = /^compare:(.+):\d+$/.exec(holder);
      return match ? this.isHidden(match[1]!) : false;
    });
    deps.chat.setRedaction({
      hidden: (conversationId) => {
        const comparisonId = this.deps.store.comparisonOfConversation(conversationId);
        return comparisonId !== null && this.isHidden(comparisonId);
      },
      conversation: redactConversation,
      message: redactMessage,
    });
  }

  list(): ComparisonSummary[] {
    return this.deps.store.list().map((c) => {
      const hidden = c.options.blind && !c.revealed;
      return {
        id: c.id,
        title: c.title,
        createdAt: c.createdAt,
        updatedAt: c.updatedAt,
        blind: c.options.blind,
        revealed: c.revealed,
        tag: c.options.tag,
        rounds: this.deps.store.lastRound(c.id),
        models: hidden ? [] : this.deps.store.panes(c.id).flatMap((p) => this.conversation(p.conversationId).model ?? []),
      };
    });
  }

  create(input: { title?: string; panes: PaneConfig[]; options: Partial<CompareOptions> }): Comparison {
    const options = CompareOptionsSchema.parse(input.options);
    if (options.blind && input.panes.length !== 2) throw appError('COMPARISON_LOCKED', { reason: 'BLIND' });
    // Blind: left and right are decided by chance, so position says nothing about the model.
    const panes = options.blind && Math.random() < 0.5 ? [...input.panes].reverse() : input.panes;
    const rows = panes.map((p, position) => ({ position, conversationId: this.newConversation(p, options).id, load: this.startingLoad(p.model, p.load) }));
    const id = this.deps.store.insert({ title: input.title ?? '', options, revealed: !options.blind }, rows);
    return this.get(id);
  }

  get(id: string): Comparison {
    const c = this.require(id);
    const hidden = c.options.blind && !c.revealed;
    const panes: Pane[] = this.deps.store.panes(id).map((p) => {
      const conversation = this.conversation(p.conversationId);
      return {
        position: p.position,
        label: paneLabel(p.position),
        model: hidden ? null : conversation.model,
        load: hidden ? {} : p.load,
        sampling: conversation.sampling,
        systemPrompt: conversation.systemPrompt,
        conversationId: conversation.id,
        // While hidden, only whether the pane is ready: an instance id or connection could be looked up.
        instanceId: hidden ? (this.targetOf(id, p.position, conversation.id) ? `ready:${p.position}` : null) : this.readyId(id, p.position, conversation.model),
      };
    });
    const results = this.deps.store.results(id);
    return { ...c, panes, results: hidden ? results.map(redactResult) : results, votes: this.deps.store.votes(id) };
  }

  update(id: string, patch: { title?: string; options?: Partial<CompareOptions> }): Comparison {
    const c = this.require(id);
    if (patch.options?.blind !== undefined && patch.options.blind !== c.options.blind) throw appError('COMPARISON_LOCKED', { reason: 'BLIND' });
    const options = CompareOptionsSchema.parse({ ...c.options, ...patch.options });
    this.deps.store.update(id, { title: patch.title ?? c.title, options });
    // Leaving same-seed: each pane goes back to a fresh seed per answer.
    if (c.options.sameSeed && !options.sameSeed) {
      for (const p of this.deps.store.panes(id)) this.deps.chat.update(p.conversationId, { sampling: { seed: null } });
    }
    return this.get(id);
  }

  /** The load settings asked for, or else the file's saved ones. */
  private startingLoad(model: ModelRef | null, load: LoadSettingsPatch): LoadSettingsPatch {
    return model?.kind === 'local' && Object.keys(load).length === 0 ? this.deps.savedSettings(model.path) : load;
  }

  updatePane(id: string, position: number, patch: Partial<PaneConfig>): Comparison {
    const c = this.require(id);
    if (c.options.blind) throw appError('COMPARISON_LOCKED', { reason: 'BLIND' });
    const pane = this.requirePane(id, position);
    const conversation = this.conversation(pane.conversationId);
    const switched = patch.model !== undefined && !sameModel(patch.model, conversation.model);
    if (switched) this.unloadPane(id, position);
    if (patch.load) this.deps.store.setPaneLoad(id, position, patch.load);
    else if (switched && patch.model?.kind === 'local') this.deps.store.setPaneLoad(id, position, this.startingLoad(patch.model, {}));
    this.deps.chat.update(pane.conversationId, {
      ...(patch.model !== undefined ? { model: patch.model } : {}),
      ...(patch.systemPrompt !== undefined ? { systemPrompt: patch.systemPrompt } : {}),
      ...(patch.sampling ? { sampling: patch.sampling } : {}),
    });
    this.deps.store.update(id, {});
    return this.get(id);
  }

  setPaneCount(id: string, count: number): Comparison {
    const c = this.require(id);
    if (c.options.blind) throw appError('COMPARISON_LOCKED', { reason: 'BLIND' });
    if (this.deps.store.lastRound(id) > 0) throw appError('COMPARISON_LOCKED', { reason: 'HAS_ROUNDS' });
    const panes = this.deps.store.panes(id);
    for (let position = panes.length; position < count; position++) {
      const conversation = this.newConversation({ model: null, load: {}, sampling: {}, systemPrompt: '' }, c.options);
      this.deps.store.insertPane(id, { position, conversationId: conversation.id, load: {} });
    }
    for (const pane of panes.slice(count)) {
      this.unloadPane(id, pane.position);
      this.deps.store.removePane(id, pane.position);
      this.deps.chat.delete(pane.conversationId);
    }
    this.deps.store.update(id, {});
    return this.get(id);
  }

  /**
   * Loads (or reloads: a restart after a failure) the pane's model with the pane's own settings;
   * an instance already loaded with equal settings is shared. A remote model needs no load.
   */
  async *loadPane(id: string, position: number, signal?: AbortSignal): AsyncGenerator<LoadEvent> {
    this.require(id);
    const pane = this.requirePane(id, position);
    const { model } = this.conversation(pane.conversationId);
    if (!model) throw appError('NO_MODEL_SELECTED', {});
    this.unloadPane(id, position);
    if (model.kind === 'remote') return;
    for await (const event of this.deps.resolver.load(model.path, pane.load, holderOf(id, position), signal)) {
      if (event.type === 'loaded') this.bindings.set(`${id}:${position}`, event.model.instanceId);
      yield event;
    }
  }

  unloadPane(id: string, position: number): void {
    const key = `${id}:${position}`;
    const instanceId = this.bindings.get(key);
    this.bindings.delete(key);
    if (instanceId) this.deps.resolver.release(instanceId, holderOf(id, position));
  }

  /** One round: every pane answers the prompt, in parallel or one after another. */
  async *send(id: string, content: string, signal?: AbortSignal): AsyncGenerator<CompareEvent> {
    const c = this.require(id);
    if (this.busy.has(id)) throw appError('COMPARISON_LOCKED', { reason: 'BUSY' });
    this.busy.add(id);
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    this.running.set(id, controller);
    try {
      // Panes not loaded yet are loaded first; one that cannot be stops the round before anything is saved.
      for (const p of this.deps.store.panes(id)) {
        const { model } = this.conversation(p.conversationId);
        if (!model) throw appError('NO_MODEL_SELECTED', {});
        if (model.kind === 'local' && !this.instanceOf(id, p.position)) {
          for await (const e of this.loadPane(id, p.position, controller.signal)) {
            yield { type: 'loading', position: p.position, progress: e.type === 'progress' ? e.progress : 1 };
          }
        }
      }
      const round = this.deps.store.lastRound(id) + 1;
      const panes = this.deps.store.panes(id).map((p) => ({
        position: p.position,
        conversationId: p.conversationId,
        target: this.targetOf(id, p.position, p.conversationId),
      }));
      if (c.options.sameSeed) {
        for (const p of panes) this.deps.chat.update(p.conversationId, { sampling: { seed: c.options.seed } });
      }
      yield { type: 'round', round, prompt: content };
      const events = runRound({
        comparisonId: id,
        round,
        prompt: content,
        options: c.options,
        panes,
        chat: this.deps.chat,
        conversation: (conversationId) => this.conversation(conversationId),
        store: this.deps.store,
        warmed: this.warmed,
        signal: controller.signal,
      });
      for await (const event of events) {
        // A blind battle's results go out as the window may show them before the vote.
        yield event.type === 'result' && this.isHidden(id) ? { ...event, result: redactResult(event.result) } : event;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.running.delete(id);
      this.busy.delete(id);
    }
  }

  stop(id: string): void {
    this.require(id);
    this.running.get(id)?.abort();
  }

  /** Records the blind vote for a round and reveals the models. */
  vote(id: string, round: number, outcome: VoteOutcome): Comparison {
    const c = this.require(id);
    if (!c.options.blind) throw appError('COMPARISON_LOCKED', { reason: 'NOT_BLIND' });
    if (c.revealed) throw appError('COMPARISON_LOCKED', { reason: 'VOTED' });
    const answered = this.deps.store.results(id).filter((r) => r.round === round);
    if (answered.length < 2) throw appError('COMPARISON_LOCKED', { reason: 'NO_SUCH_ROUND' });
    const [a, b] = this.deps.store.panes(id).map((p) => {
      const { model } = this.conversation(p.conversationId);
      return model ? modelKey(model) : '';
    });
    this.deps.store.insertVote({ comparisonId: id, round, modelA: a!, modelB: b!, outcome, tag: c.options.tag });
    this.deps.store.update(id, { revealed: true });
    return this.get(id);
  }

  leaderboard(tag: string | null): Leaderboard {
    const votes = this.deps.store.allVotes(tag);
    return { tag, tags: this.deps.store.voteTags(), votes: votes.length, entries: leaderboard(votes) };
  }

  delete(id: string): void {
    const c = this.require(id);
    for (const p of this.deps.store.panes(c.id)) this.unloadPane(id, p.position);
    this.deps.store.delete(id);
  }

  dispose(): void {
    for (const controller of this.running.values()) controller.abort();
  }

  private newConversation(p: PaneConfig, options: CompareOptions) {
    const sampling: Partial<Sampling> = { ...p.sampling, ...(options.sameSeed ? { seed: options.seed } : {}) };
    return this.deps.chat.create({ kind: 'compare', title: 'Compare', model: p.model, systemPrompt: p.systemPrompt, sampling });
  }

  /** The instance the pane holds, while it is loaded and still held (the user may have ejected it). */
  private instanceOf(id: string, position: number): string | null {
    const key = `${id}:${position}`;
    const instanceId = this.bindings.get(key);
    if (instanceId && this.deps.resolver.holds(instanceId, holderOf(id, position))) return instanceId;
    this.bindings.delete(key);
    return null;
  }

  /** What answers in the pane: its own instance, or its remote model; null when a local one is not loaded. */
  private targetOf(id: string, position: number, conversationId: string): AnswerTarget | null {
    const { model } = this.conversation(conversationId);
    if (!model) return null;
    if (model.kind === 'remote') return this.deps.resolver.target(model);
    const instanceId = this.instanceOf(id, position);
    return instanceId ? this.deps.resolver.target(model, instanceId) : null;
  }

  /** A local pane's instance, `remote:<connection>` for a remote model (always ready), or null. */
  private readyId(id: string, position: number, model: Conversation['model']): string | null {
    if (model?.kind === 'remote') return `remote:${model.connectionId}`;
    return this.instanceOf(id, position);
  }

  private isHidden(id: string): boolean {
    const c = this.deps.store.comparison(id);
    return c !== null && c.options.blind && !c.revealed;
  }

  private conversation(id: string) {
    const c = this.deps.chatStore.conversation(id);
    if (!c) throw appError('CONVERSATION_NOT_FOUND', { id });
    return c;
  }

  private require(id: string) {
    const c = this.deps.store.comparison(id);
    if (!c) throw appError('COMPARISON_NOT_FOUND', { id });
    return c;
  }

  private requirePane(id: string, position: number) {
    const pane = this.deps.store.panes(id).find((p) => p.position === position);
    if (!pane) throw appError('COMPARISON_NOT_FOUND', { id: `${id}:${position}` });
    return pane;
  }
}
