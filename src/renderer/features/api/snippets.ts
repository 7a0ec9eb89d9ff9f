import type { ApiModel } from '../../../shared/contract';

export const snippetLanguages = ['curl', 'python', 'javascript'] as const;
export type SnippetLanguage = (typeof snippetLanguages)[number];

/** Stands in for a model name when the library has none yet; still valid code once replaced. */
export const MODEL_PLACEHOLDER = 'MODEL_NAME';

/** The model the examples ask: one already loaded answers at once, else the first the API lists. */
export function snippetModel(models: readonly ApiModel[] | null): string | null {
  if (!models || models.length === 0) return null;
  return (models.find((m) => m.loaded) ?? models[0]!).id;
}

/** A word the shell passes through unchanged, or the text in single quotes (`'` written as `'\''`). */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_\-.:/@%+=,]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * A string literal valid in JSON, JavaScript and Python 3 alike: JSON escapes quotes, backslashes
 * and control characters the way both languages read them. U+2028/U+2029 are escaped too, since
 * older JavaScript parsers end a line there.
 */
function literal(text: string): string {
  return JSON.stringify(text).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * Copy-paste examples of a chat completion against `baseUrl` (`http://127.0.0.1:4751/v1`), asking
 * `model`. The key comes from the environment, never from the page: a key pasted into an
 * example ends up in shell histories and repositories.
 */
export function buildSnippets(baseUrl: string, model: string | null): Record<SnippetLanguage, string> {
  const name = model ?? MODEL_PLACEHOLDER;
  const url = baseUrl.replace(/\/+$/, '');
  const body = `{"model": ${literal(name)}, "messages": [{"role": "user", "content": "Hello!"}]}`;
  return {
    curl: [
      `curl ${shellQuote(`${url}/chat/completions`)} \\`,
      `  -H "Authorization: Bearer $CALIPER_API_KEY" \\`,
      `  -H "Content-Type: application/json" \\`,
      `  -d ${shellQuote(body)}`,
    ].join('\n'),
    python: [
      'import os',
      'from openai import OpenAI',
      '',
      `client = OpenAI(base_url=${literal(url)}, api_key=os.environ["CALIPER_API_KEY"])`,
      'reply = client.chat.completions.create(',
      `    model=${literal(name)},`,
      '    messages=[{"role": "user", "content": "Hello!"}],',
      ')',
      'print(reply.choices[0].message.content)',
    ].join('\n'),
    javascript: [
      'import OpenAI from "openai";',
      '',
      `const client = new OpenAI({ baseURL: ${literal(url)}, apiKey: process.env.CALIPER_API_KEY });`,
      'const reply = await client.chat.completions.create({',
      `  model: ${literal(name)},`,
      '  messages: [{ role: "user", content: "Hello!" }],',
      '});',
      'console.log(reply.choices[0].message.content);',
    ].join('\n'),
  };
}
