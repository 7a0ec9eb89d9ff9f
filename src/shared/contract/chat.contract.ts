import { oc, eventIterator } from '@orpc/contract';
import { z } from 'zod';
import { ModelRefSchema } from './modelRef';
import { appErrors, StoredErrorSchema } from './errors';
import { patchOf } from './patch';

export const SamplingSchema = z.object({
  temperature: z.number().min(0).max(2).default(0.8),
  topP: z.number().min(0).max(1).default(0.95),
  topK: z.number().int().min(0).max(1000).default(40),
  minP: z.number().min(0).max(1).default(0.05),
  repeatPenalty: z.number().min(1).max(2).default(1.1),
  /** null: a new random seed per answer. */
  seed: z.number().int().min(0).max(2 ** 32 - 1).nullable().default(null),
  maxTokens: z.number().int().min(1).max(32_768).default(1024),
});
export type Sampling = z.infer<typeof SamplingSchema>;

export const StopReasonSchema = z.enum(['eos', 'maxTokens', 'stopped', 'crashed', 'error']);
export type StopReason = z.infer<typeof StopReasonSchema>;

/** How a remote engine's answer was measured beyond the shared numbers. */
export const RemoteStatsSchema = z.object({
  /** Until the response headers: the network round trip plus the server's queueing. */
  headersMs: z.number(),
  /** The connection's last measured round trip (`GET /models`). */
  rttMs: z.number().nullable(),
  /** True when the server sent no usage and tokens were counted as streamed deltas. */
  tokensCounted: z.boolean(),
  /** The server's own figures, where it reports them (llama-server `timings`). */
  serverPromptTokensPerSecond: z.number().nullable(),
  serverGenerationTokensPerSecond: z.number().nullable(),
});
export type RemoteStats = z.infer<typeof RemoteStatsSchema>;

export const GenerationStatsSchema = z.object({
  ttftMs: z.number().nullable(),
  promptTokens: z.number().int(),
  promptTokensPerSecond: z.number().nullable(),
  generatedTokens: z.number().int(),
  generationTokensPerSecond: z.number().nullable(),
  durationMs: z.number(),
  stopReason: StopReasonSchema,
  /** What answered; null where it is withheld (a blind battle before the vote). */
  model: ModelRefSchema.nullable(),
  quantization: z.string().nullable(),
  gpuLayers: z.number().int().nullable(),
  contextSize: z.number().int().nullable(),
  threads: z.number().int().nullable(),
  /** Remote answers only; memory is the server's, not measured here. */
  remote: RemoteStatsSchema.nullable().default(null),
});
export type GenerationStats = z.infer<typeof GenerationStatsSchema>;

export const MessageStatusSchema = z.enum(['complete', 'streaming', 'interrupted', 'stopped', 'error']);
export type MessageStatus = z.infer<typeof MessageStatusSchema>;

export const MessageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  parentId: z.string().nullable(),
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  /** Reasoning ("thought") text the model produced before its answer. */
  reasoning: z.string(),
  status: MessageStatusSchema,
  error: StoredErrorSchema.nullable(),
  stats: GenerationStatsSchema.nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Message = z.infer<typeof MessageSchema>;

/** Which history a conversation belongs to: the chat list, or a Compare pane (shown by its comparison). */
export const ConversationKindSchema = z.enum(['chat', 'compare']);
export type ConversationKind = z.infer<typeof ConversationKindSchema>;

export const ConversationSchema = z.object({
  id: z.string(),
  kind: ConversationKindSchema,
  title: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  pinned: z.boolean(),
  model: ModelRefSchema.nullable(),
  systemPrompt: z.string(),
  sampling: SamplingSchema,
  /** The last message of the branch being shown. */
  leafId: z.string().nullable(),
});
export type Conversation = z.infer<typeof ConversationSchema>;

export const ChatEventSchema = z.discriminatedUnion('type', [
  /** A message was created or changed (the user's message, the new answer, a finished answer). */
  z.object({ type: z.literal('message'), message: MessageSchema }),
  z.object({
    type: z.literal('delta'),
    messageId: z.string(),
    text: z.string(),
    segment: z.enum(['text', 'thought']),
  }),
]);
export type ChatEvent = z.infer<typeof ChatEventSchema>;

/** Where the search terms are in `snippet`: UTF-16 offsets, end exclusive, in order, not overlapping. */
export const HighlightSchema = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) });
export type Highlight = z.infer<typeof HighlightSchema>;

export const SearchHitSchema = z.object({
  conversationId: z.string(),
  messageId: z.string(),
  title: z.string(),
  /** Plain text around the first match; never markup. */
  snippet: z.string(),
  highlights: z.array(HighlightSchema),
  role: z.enum(['user', 'assistant']),
  createdAt: z.number(),
  kind: ConversationKindSchema,
  /** The comparison a Compare pane's message belongs to. */
  comparisonId: z.string().nullable(),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

/** Where the next page of a search starts (opaque to callers: pass back what the last page gave). */
export const SearchCursorSchema = z
  .object({
    /** Messages written before this point (rowid, exclusive): later ones do not shift the pages. */
    bound: z.number().int().min(1),
    /** Hits of the current window already returned. */
    offset: z.number().int().min(0).max(1_000_000),
    /** The oldest message a short non-CJK query looks at (those scan the recent history only). */
    floor: z.number().int().min(0).nullable(),
  })
  .strict();
export type SearchCursor = z.infer<typeof SearchCursorSchema>;

export const SearchInputSchema = z
  .object({
    query: z
      .string()
      .trim()
      .min(1)
      .max(200)
      // Control characters are never typed; a NUL would also end the text for SQLite's tokenizer.
      .refine((q) => !/[\u0000-\u001f\u007f]/.test(q), 'control characters are not allowed'),
    conversationId: z.string().min(1).max(64).optional(),
    role: z.enum(['user', 'assistant']).optional(),
    /** Answers written by this model (the model in the answer's stats). */
    model: ModelRefSchema.optional(),
    /** Chat conversations, Compare panes, or both. */
    source: z.enum(['chat', 'compare', 'all']).default('all'),
    limit: z.number().int().min(1).max(100).default(30),
    cursor: SearchCursorSchema.nullable().default(null),
  })
  .strict();
export type SearchInput = z.input<typeof SearchInputSchema>;

export const SearchPageSchema = z.object({
  hits: z.array(SearchHitSchema),
  nextCursor: SearchCursorSchema.nullable(),
  /**
   * `recent`: a one- or two-character query that is not CJK (say "AI") has no index to use, so
   * only the most recent messages were searched; three characters or more search everything.
   */
  scope: z.enum(['all', 'recent']),
});
export type SearchPage = z.infer<typeof SearchPageSchema>;

/** Where the next page of the conversation list starts: the last conversation of the page before. */
export const ConversationCursorSchema = z
  .object({ pinned: z.boolean(), updatedAt: z.number().int(), id: z.string().min(1).max(64) })
  .strict();
export type ConversationCursor = z.infer<typeof ConversationCursorSchema>;

export const ConversationPageSchema = z.object({
  conversations: z.array(ConversationSchema),
  nextCursor: ConversationCursorSchema.nullable(),
});
export type ConversationPage = z.infer<typeof ConversationPageSchema>;

/**
 * A change to the chat list: a conversation created or changed (it may move), one removed, or
 * `reset`: reload from the first page (sent first on subscribing, and after a history import).
 */
export const ConversationChangeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('changed'), conversation: ConversationSchema }),
  z.object({ type: z.literal('removed'), id: z.string() }),
  z.object({ type: z.literal('reset') }),
]);
export type ConversationChange = z.infer<typeof ConversationChangeSchema>;

/** A stretch of the shown branch, and every sibling of its messages (for the branch arrows). */
export const BranchWindowSchema = z.object({
  conversation: ConversationSchema,
  messages: z.array(MessageSchema),
  /** The window reaches the first message: nothing older on this branch. */
  complete: z.boolean(),
});
export type BranchWindow = z.infer<typeof BranchWindowSchema>;

const Id = z.string().min(1).max(64);
const Text = z.string().max(200_000);
const Title = z.string().trim().min(1).max(200);

const base = oc.errors(appErrors);

export const chatContract = {
  /** The chat list a page at a time: pinned first, then by last activity (Compare panes left out). */
  list: base
    .input(
      z
        .object({ cursor: ConversationCursorSchema.nullable().default(null), limit: z.number().int().min(1).max(200).default(50) })
        .strict()
        .default({ cursor: null, limit: 50 }),
    )
    .output(ConversationPageSchema),
  /** Changes to the chat list as they happen, so a page once loaded stays current. */
  onDidChange: base.output(eventIterator(ConversationChangeSchema)),
  create: base
    .input(
      z
        .object({
          title: Title.optional(),
          model: ModelRefSchema.nullable().optional(),
          systemPrompt: z.string().max(20_000).optional(),
          sampling: patchOf(SamplingSchema).optional(),
        })
        .strict()
        .default({}),
    )
    .output(ConversationSchema),
  /** The conversation and every message of its tree (for small trees: Compare panes, tests). */
  get: base.input(z.object({ id: Id })).output(z.object({ conversation: ConversationSchema, messages: z.array(MessageSchema) })),
  /**
   * The shown branch from its end, `limit` messages at a time: without `before`, the newest; with
   * it, the ones above that message. Siblings of every message come along for the branch arrows.
   */
  messages: base
    .input(z.object({ conversationId: Id, before: Id.nullable().default(null), limit: z.number().int().min(1).max(500).default(60) }).strict())
    .output(BranchWindowSchema),
  update: base
    .input(
      z
        .object({
          id: Id,
          title: Title.optional(),
          pinned: z.boolean().optional(),
          model: ModelRefSchema.nullable().optional(),
          systemPrompt: z.string().max(20_000).optional(),
          // A patch: fields not sent keep their value (`.partial()` would fill in defaults).
          sampling: patchOf(SamplingSchema).optional(),
        })
        .strict(),
    )
    .output(ConversationSchema),
  delete: base.input(z.object({ id: Id })).output(z.void()),
  /** Shows the branch that contains `messageId` (its newest continuation). */
  selectBranch: base.input(z.object({ messageId: Id })).output(ConversationSchema),
  /**
   * Adds a user message under `parentId` (default: the shown branch's last message; an edit
   * passes the edited message's parent, so the old branch stays) and streams the answer.
   * Aborting the call stops the answer; what was generated is kept. `instanceId` pins the engine
   * instance the window shows (else the newest loaded instance of the conversation's file answers).
   */
  send: base
    .input(z.object({ conversationId: Id, content: Text.min(1), parentId: Id.nullable().optional(), instanceId: Id.optional() }).strict())
    .output(eventIterator(ChatEventSchema)),
  /** A new answer beside `messageId` (an assistant message). */
  regenerate: base.input(z.object({ messageId: Id, instanceId: Id.optional() })).output(eventIterator(ChatEventSchema)),
  /** Continues an interrupted or stopped answer in place. */
  continue: base.input(z.object({ messageId: Id, instanceId: Id.optional() })).output(eventIterator(ChatEventSchema)),
  /** Stops the answer being written in the conversation; its stream ends with the stopped message. */
  stop: base.input(z.object({ conversationId: Id })).output(z.void()),
  deleteMessage: base.input(z.object({ messageId: Id })).output(z.void()),
  /** Best matches first, a page at a time, optionally narrowed (see SearchInputSchema). */
  search: base.input(SearchInputSchema).output(SearchPageSchema),
  export: base
    .input(z.object({ id: Id, format: z.enum(['markdown', 'json']) }))
    .output(z.object({ fileName: z.string(), mimeType: z.string(), content: z.string() })),
  import: base.input(z.object({ content: z.string().min(2).max(20_000_000) })).output(ConversationSchema),
};
