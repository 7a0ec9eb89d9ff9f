import { oc, eventIterator } from '@orpc/contract';
import { z } from 'zod';
import { GenerationStatsSchema, MessageStatusSchema, SamplingSchema } from './chat.contract';
import { LoadEventSchema, LoadSettingsPatchSchema } from './engine.contract';
import { ModelRefSchema } from './modelRef';
import { appErrors, StoredErrorSchema } from './errors';
import { patchOf } from './patch';

export const RunModeSchema = z.enum(['parallel', 'sequential']);
export type RunMode = z.infer<typeof RunModeSchema>;

export const VoteOutcomeSchema = z.enum(['a', 'b', 'tie', 'both_bad']);
export type VoteOutcome = z.infer<typeof VoteOutcomeSchema>;

const Tag = z.string().trim().max(40);

const SystemPrompt = z.string().max(20_000);
const Seed = z
  .number()
  .int()
  .min(0)
  .max(2 ** 32 - 1);

/** One pane's choices: the model file, how it is loaded, how it samples, what it is told. */
export const PaneConfigSchema = z.object({
  model: ModelRefSchema.nullable().default(null),
  // Only what the user set: unset fields take the defaults when the model is loaded / answers.
  load: LoadSettingsPatchSchema.default({}),
  sampling: patchOf(SamplingSchema).default({}),
  systemPrompt: SystemPrompt.default(''),
});
export type PaneConfig = z.infer<typeof PaneConfigSchema>;
export type PaneConfigInput = z.input<typeof PaneConfigSchema>;

export const CompareOptionsSchema = z.object({
  runMode: RunModeSchema.default('parallel'),
  /** Every pane samples with `seed`, so differences come from the models, not the dice. */
  sameSeed: z.boolean().default(true),
  seed: Seed.default(42),
  /** An untimed short answer first, so the first measured answer does not pay for cold caches. */
  warmUp: z.boolean().default(false),
  /** Blind arena: identities hidden and panes shuffled until the vote. Two panes only. */
  blind: z.boolean().default(false),
  /** Groups votes on the leaderboard ("coding", "chinese"…); empty: untagged. */
  tag: Tag.default(''),
});
export type CompareOptions = z.infer<typeof CompareOptionsSchema>;
export const CompareOptionsPatchSchema = patchOf(CompareOptionsSchema);

export const PaneSchema = z.object({
  position: z.number().int().min(0).max(3),
  /** "A", "B", …: how the pane is named while identities are hidden (and after). */
  label: z.string(),
  /** Null while a blind comparison hides it. */
  model: ModelRefSchema.nullable(),
  load: LoadSettingsPatchSchema,
  sampling: SamplingSchema,
  systemPrompt: z.string(),
  conversationId: z.string(),
  /** The engine instance serving this pane now (null: not loaded in this host). */
  instanceId: z.string().nullable(),
});
export type Pane = z.infer<typeof PaneSchema>;

/** One pane's answer to one round, exactly as measured and saved. */
export const CompareResultSchema = z.object({
  id: z.string(),
  round: z.number().int(),
  position: z.number().int(),
  prompt: z.string(),
  output: z.string(),
  /** The model's reasoning ("thinking") before the answer, as Chat keeps it; empty when it gave none. */
  reasoning: z.string().default(''),
  status: MessageStatusSchema,
  error: StoredErrorSchema.nullable(),
  stats: GenerationStatsSchema.nullable(),
  /** The engine process's peak resident memory (kernel high-water mark) when the answer ended. */
  peakRssBytes: z.number().nullable(),
  /** SHA-256 (16 hex) of the engine identity, load settings, sampling, system prompt and run mode; withheld (null) in a blind battle until the vote. */
  settingsHash: z.string().nullable(),
  runMode: RunModeSchema,
  warmUp: z.boolean(),
  createdAt: z.number(),
});
export type CompareResult = z.infer<typeof CompareResultSchema>;

export const CompareVoteSchema = z.object({
  round: z.number().int(),
  outcome: VoteOutcomeSchema,
  createdAt: z.number(),
});
export type CompareVote = z.infer<typeof CompareVoteSchema>;

export const ComparisonSchema = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  options: CompareOptionsSchema,
  /** Blind comparisons reveal the models once a vote is cast; others are always revealed. */
  revealed: z.boolean(),
  panes: z.array(PaneSchema),
  results: z.array(CompareResultSchema),
  votes: z.array(CompareVoteSchema),
});
export type Comparison = z.infer<typeof ComparisonSchema>;

export const ComparisonSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  blind: z.boolean(),
  revealed: z.boolean(),
  tag: z.string(),
  rounds: z.number().int(),
  /** The panes' models (empty while blind and unrevealed). */
  models: z.array(ModelRefSchema),
});
export type ComparisonSummary = z.infer<typeof ComparisonSummarySchema>;

export const CompareEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('round'), round: z.number().int(), prompt: z.string() }),
  /** The pane starts its untimed warm-up, then its answer ('started'). */
  z.object({ type: z.literal('warmup'), position: z.number().int() }),
  /** A pane whose model was not loaded is loaded before the round starts. */
  z.object({ type: z.literal('loading'), position: z.number().int(), progress: z.number().min(0).max(1) }),
  z.object({ type: z.literal('started'), position: z.number().int() }),
  z.object({ type: z.literal('delta'), position: z.number().int(), text: z.string(), segment: z.enum(['text', 'thought']) }),
  z.object({ type: z.literal('result'), result: CompareResultSchema }),
]);
export type CompareEvent = z.infer<typeof CompareEventSchema>;

export const LeaderboardEntrySchema = z.object({
  model: ModelRefSchema,
  /** Bradley–Terry strength on the Elo scale (1000 = the field's average). */
  rating: z.number(),
  /** 95% interval from bootstrap resampling of the votes. */
  low: z.number(),
  high: z.number(),
  games: z.number().int(),
  wins: z.number().int(),
  ties: z.number().int(),
  losses: z.number().int(),
});
export type LeaderboardEntry = z.infer<typeof LeaderboardEntrySchema>;

export const LeaderboardSchema = z.object({
  tag: z.string().nullable(),
  tags: z.array(z.string()),
  votes: z.number().int(),
  entries: z.array(LeaderboardEntrySchema),
});
export type Leaderboard = z.infer<typeof LeaderboardSchema>;

const Id = z.string().min(1).max(64);
const Position = z.number().int().min(0).max(3);
const base = oc.errors(appErrors);

export const compareContract = {
  list: base.output(z.array(ComparisonSummarySchema)),
  create: base
    .input(
      z
        .object({
          title: z.string().trim().max(200).optional(),
          panes: z.array(PaneConfigSchema).min(2).max(4),
          options: patchOf(CompareOptionsSchema).default({}),
        })
        .strict(),
    )
    .output(ComparisonSchema),
  get: base.input(z.object({ id: Id })).output(ComparisonSchema),
  delete: base.input(z.object({ id: Id })).output(z.void()),
  /** Title and options; `blind` only before the first round. */
  update: base
    .input(z.object({ id: Id, title: z.string().trim().max(200).optional(), options: CompareOptionsPatchSchema.optional() }).strict())
    .output(ComparisonSchema),
  /** Changes one pane; later results carry the new settings hash. Blind panes are fixed. */
  updatePane: base
    .input(
      z
        .object({
          id: Id,
          position: Position,
          model: ModelRefSchema.nullable().optional(),
          /** The pane's whole load choice (a field left out takes the engine's default). */
          load: LoadSettingsPatchSchema.optional(),
          sampling: patchOf(SamplingSchema).optional(),
          systemPrompt: SystemPrompt.optional(),
        })
        .strict(),
    )
    .output(ComparisonSchema),
  /** 2 to 4 panes; before the first round only. */
  setPaneCount: base.input(z.object({ id: Id, count: z.number().int().min(2).max(4) })).output(ComparisonSchema),
  /** Loads the pane's model with its settings in an engine process of its own (also: restart). */
  loadPane: base.input(z.object({ id: Id, position: Position })).output(eventIterator(LoadEventSchema)),
  unloadPane: base.input(z.object({ id: Id, position: Position })).output(z.void()),
  /** Sends one prompt to every pane; each continues its own conversation. Aborting stops all. */
  send: base.input(z.object({ id: Id, content: z.string().min(1).max(200_000) }).strict()).output(eventIterator(CompareEventSchema)),
  /** Stops the round in progress; every pane keeps what it wrote and `send` still delivers the results. */
  stop: base.input(z.object({ id: Id })).output(z.void()),
  /**
   * The comparison as a file: Markdown (a summary, then every round with each pane's answer),
   * CSV (a row per answer) or JSON (`caliper.comparison` v1). A battle not voted on yet names
   * its sides "Model A" / "Model B" and leaves out what could tell them apart.
   */
  export: base
    .input(z.object({ id: Id, format: z.enum(['markdown', 'csv', 'json']) }))
    .output(z.object({ fileName: z.string(), mimeType: z.string(), content: z.string() })),
  /** Blind comparisons: one vote per round while hidden; the vote reveals the models. */
  vote: base.input(z.object({ id: Id, round: z.number().int().min(1), outcome: VoteOutcomeSchema })).output(ComparisonSchema),
};

export const arenaContract = {
  /** Ratings from every blind vote (or one tag's), with 95% intervals. */
  leaderboard: base.input(z.object({ tag: Tag.nullable().default(null) }).default({ tag: null })).output(LeaderboardSchema),
};
