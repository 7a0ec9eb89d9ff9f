import { oc } from '@orpc/contract';
import { z } from 'zod';
import { appErrors, StoredErrorSchema } from './errors';
import { httpBaseUrl } from './settings.contract';

/** Which server a connection talks to: sets the default address and what Caliper expects of it. */
export const ServerKindSchema = z.enum(['vllm', 'trtllm', 'openllm', 'llama-server', 'ollama', 'lmstudio', 'caliper', 'other']);
export type ServerKind = z.infer<typeof ServerKindSchema>;

/** Where each kind listens by default (its own documentation's port). */
export const defaultBaseUrls: Record<ServerKind, string> = {
  vllm: 'http://127.0.0.1:8000/v1',
  trtllm: 'http://127.0.0.1:8000/v1',
  openllm: 'http://127.0.0.1:3000/v1',
  'llama-server': 'http://127.0.0.1:8080/v1',
  ollama: 'http://127.0.0.1:11434/v1',
  lmstudio: 'http://127.0.0.1:1234/v1',
  caliper: 'http://127.0.0.1:4750/v1',
  other: 'http://127.0.0.1:8000/v1',
};

/** An OpenAI-compatible base URL: http(s), no credentials, query or fragment. */
export const BaseUrlSchema = z.string().trim().pipe(httpBaseUrl('Must be an http(s) address such as http://gpu-box:8000/v1, without credentials, query or fragment'));

export const ConnectionTestSchema = z.object({
  at: z.number(),
  ok: z.boolean(),
  /** Round trip of `GET /models`, the lightest request every server answers. */
  rttMs: z.number().nullable(),
  models: z.array(z.string()),
  /** What the server says about itself (llama-server's build, vLLM's or Ollama's version). */
  version: z.string().nullable(),
  capabilities: z.object({
    /** Usage sent in the stream when asked (`stream_options.include_usage`); else tokens are counted. */
    usageInStream: z.boolean().nullable(),
    /** The server reports its own timings: llama-server `timings`, vLLM Prometheus `/metrics`. */
    serverMetrics: z.enum(['timings', 'prometheus']).nullable(),
  }),
  error: StoredErrorSchema.nullable(),
});
export type ConnectionTest = z.infer<typeof ConnectionTestSchema>;

export const ConnectionSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: ServerKindSchema,
  baseUrl: z.string(),
  /** The key itself is never returned. */
  hasKey: z.boolean(),
  firstByteTimeoutSeconds: z.number().int(),
  idleTimeoutSeconds: z.number().int(),
  createdAt: z.number(),
  lastTest: ConnectionTestSchema.nullable(),
});
export type Connection = z.infer<typeof ConnectionSchema>;

const Name = z.string().trim().min(1).max(80);
const FirstByte = z.number().int().min(5).max(3600);
const Idle = z.number().int().min(5).max(3600);
/** A key: set it, `null` forgets it, absent keeps it. */
const Key = z.string().trim().min(1).max(2000).nullable();

const base = oc.errors(appErrors);

export const remoteContract = {
  list: base.output(z.array(ConnectionSchema)),
  create: base
    .input(
      z
        .object({
          name: Name,
          kind: ServerKindSchema,
          baseUrl: BaseUrlSchema,
          apiKey: Key.optional(),
          firstByteTimeoutSeconds: FirstByte.default(120),
          idleTimeoutSeconds: Idle.default(60),
        })
        .strict(),
    )
    .output(ConnectionSchema),
  update: base
    .input(
      z
        .object({
          id: z.string().min(1).max(64),
          name: Name.optional(),
          kind: ServerKindSchema.optional(),
          baseUrl: BaseUrlSchema.optional(),
          apiKey: Key.optional(),
          firstByteTimeoutSeconds: FirstByte.optional(),
          idleTimeoutSeconds: Idle.optional(),
        })
        .strict(),
    )
    .output(ConnectionSchema),
  delete: base.input(z.object({ id: z.string().min(1).max(64) })).output(z.void()),
  /** Lists the server's models, measures the round trip and finds out what it supports; kept as `lastTest`. */
  test: base.input(z.object({ id: z.string().min(1).max(64) })).output(ConnectionSchema),
};
