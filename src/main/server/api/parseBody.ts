import type { z } from 'zod';
import { invalidRequest } from './openAiErrors';

/** The body against its schema; the first problem is named with its parameter, as OpenAI does. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const param = issue.path.map(String).join('.') || null;
  throw invalidRequest(param ? `${param}: ${issue.message}` : issue.message, param);
}
