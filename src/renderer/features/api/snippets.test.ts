import { describe, expect, it } from 'vitest';
import type { ApiModel } from '../../../shared/contract';
import { buildSnippets, MODEL_PLACEHOLDER, shellQuote, snippetModel } from './snippets';

const model = (id: string, loaded = false): ApiModel => ({ id, path: `/m/${id}.gguf`, aliases: [], loaded, quantization: 'Q4_K_M', architecture: 'qwen2' });

describe('snippetModel', () => {
  it('prefers a loaded model, else the first listed, else none', () => {
    expect(snippetModel([model('a'), model('b', true), model('c', true)])).toBe('b');
    expect(snippetModel([model('a'), model('b')])).toBe('a');
    expect(snippetModel([])).toBeNull();
    expect(snippetModel(null)).toBeNull();
  });
});

describe('buildSnippets', () => {
  const snippets = buildSnippets('http://127.0.0.1:4751/v1', 'qwen2');

  it('fills curl with the endpoint, the model and the key from the environment', () => {
    expect(snippets.curl).toBe(
      [
        'curl http://127.0.0.1:4751/v1/chat/completions \\',
        '  -H "Authorization: Bearer $CALIPER_API_KEY" \\',
        '  -H "Content-Type: application/json" \\',
        `  -d '{"model": "qwen2", "messages": [{"role": "user", "content": "Hello!"}]}'`,
      ].join('\n'),
    );
  });

  it('fills the openai clients with the base URL and the key from the environment', () => {
    expect(snippets.python).toContain('client = OpenAI(base_url="http://127.0.0.1:4751/v1", api_key=os.environ["CALIPER_API_KEY"])');
    expect(snippets.python).toContain('    model="qwen2",');
    expect(snippets.javascript).toContain('new OpenAI({ baseURL: "http://127.0.0.1:4751/v1", apiKey: process.env.CALIPER_API_KEY })');
    expect(snippets.javascript).toContain('  model: "qwen2",');
  });

  it('drops a trailing slash from the base URL', () => {
    expect(buildSnippets('http://127.0.0.1:9/v1/', 'm').curl).toContain('curl http://127.0.0.1:9/v1/chat/completions ');
  });

  it('keeps names from file names inside their string literals, whatever they hold', () => {
    const hostile = `it's "x" \\ y\u2028z`;
    const s = buildSnippets('http://127.0.0.1:4751/v1', hostile);
    // Python and JavaScript read the JSON literal back as the same text.
    const literal = JSON.stringify(hostile).replace('\u2028', '\\u2028');
    expect(s.python).toContain(`model=${literal},`);
    expect(s.javascript).toContain(`model: ${literal},`);
    expect(JSON.parse(literal)).toBe(hostile);
    // The shell sees one single-quoted word whose JSON names the model.
    const body = s.curl.split('\n').at(-1)!.replace(/^ {2}-d /, '');
    expect(body.startsWith("'")).toBe(true);
    const unquoted = body.slice(1, -1).replace(/'\\''/g, "'");
    expect((JSON.parse(unquoted) as { model: string }).model).toBe(hostile);
  });

  it('uses a placeholder name when the library has no model yet', () => {
    expect(buildSnippets('http://127.0.0.1:4751/v1', null).python).toContain(`model="${MODEL_PLACEHOLDER}"`);
  });
});

describe('shellQuote', () => {
  it('leaves plain words alone and single-quotes the rest', () => {
    expect(shellQuote('http://127.0.0.1:4751/v1/models')).toBe('http://127.0.0.1:4751/v1/models');
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's $HOME")).toBe(`'it'\\''s $HOME'`);
  });
});
