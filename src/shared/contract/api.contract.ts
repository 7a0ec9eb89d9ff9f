import { eventIterator, oc } from '@orpc/contract';
import { z } from 'zod';
import { appErrors } from './errors';

/** Whether the OpenAI-compatible API is being served, and where. */
export const ApiStatusSchema = z.object({
  /** The headless host serves `/v1` on its own port; the desktop app only when turned on. */
  shell: z.enum(['electron', 'headless']),
  serving: z.boolean(),
  /** `http://127.0.0.1:PORT/v1` while serving. */
  baseUrl: z.string().nullable(),
  /** Why the desktop app's port could not be opened. */
  error: z.enum(['PORT_IN_USE', 'PORT_DENIED', 'FAILED']).nullable(),
  /** The headless host's own secret is also accepted as a key (it was printed at start). */
  hostTokenAccepted: z.boolean(),
});
export type ApiStatus = z.infer<typeof ApiStatusSchema>;

export const ApiKeyInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The first characters, to tell keys apart; the key itself is never stored. */
  prefix: z.string(),
  createdAt: z.number(),
  lastUsedAt: z.number().nullable(),
});
export type ApiKeyInfo = z.infer<typeof ApiKeyInfoSchema>;

/** A model as programs name it in the API. */
export const ApiModelSchema = z.object({
  id: z.string(),
  path: z.string(),
  /** Other names the user gave this file. */
  aliases: z.array(z.string()),
  loaded: z.boolean(),
  quantization: z.string().nullable(),
  architecture: z.string().nullable(),
});
export type ApiModel = z.infer<typeof ApiModelSchema>;

/** How the log names the headless host's own token used as a key (a key's name cannot start with `@`). */
export const HOST_TOKEN_KEY_NAME = '@host';

export const ApiLogEntrySchema = z.object({
  id: z.number().int(),
  at: z.number(),
  /** The caller's address and program (User-Agent), shortened. */
  client: z.string(),
  /** Which key was used: its name, the host's token, or none (keyless loopback). */
  keyName: z.string().nullable(),
  endpoint: z.string(),
  model: z.string().nullable(),
  stream: z.boolean(),
  status: z.number().int(),
  errorCode: z.string().nullable(),
  promptTokens: z.number().int().nullable(),
  completionTokens: z.number().int().nullable(),
  ttftMs: z.number().nullable(),
  tokensPerSecond: z.number().nullable(),
  durationMs: z.number(),
});
export type ApiLogEntry = z.infer<typeof ApiLogEntrySchema>;

const base = oc.errors(appErrors);

export const apiContract = {
  status: base.output(ApiStatusSchema),
  /** The status now, then after every change (the desktop app's port opened, closed or refused). */
  onDidChangeStatus: base.output(eventIterator(ApiStatusSchema)),
  models: base.output(z.array(ApiModelSchema)),
  keys: {
    list: base.output(z.array(ApiKeyInfoSchema)),
    /** The key is in this answer only; afterwards only its prefix is known. */
    create: base
      .input(z.object({ name: z.string().trim().min(1).max(80).refine((n) => !n.startsWith('@'), 'A key name cannot start with @') }))
      .output(z.object({ key: z.string(), info: ApiKeyInfoSchema })),
    revoke: base.input(z.object({ id: z.string().min(1).max(100) })).output(z.void()),
  },
  /** Newest first; `beforeId` pages further back. */
  log: base
    .input(z.object({ limit: z.number().int().min(1).max(500).default(100), beforeId: z.number().int().optional() }))
    .output(z.array(ApiLogEntrySchema)),
  /** Each request as it finishes. */
  onDidLog: base.output(eventIterator(ApiLogEntrySchema)),
};
