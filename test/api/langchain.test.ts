import { tool } from '@langchain/core/tools';
import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startApiHost, type ApiHost } from './apiHost';

/** LangChain's OpenAI integration, as users wire it to a local server, against the real host. */

let running: ApiHost;
let chat: ChatOpenAI;

const Forecast = z.object({
  city: z.enum(['Paris', 'Rome', 'Beijing']).describe('the city'),
  unit: z.enum(['celsius', 'fahrenheit']),
  rainy: z.boolean(),
});

beforeAll(async () => {
  running = await startApiHost(['qwen2', 'llama-gqa']);
  chat = new ChatOpenAI({
    model: 'qwen2',
    apiKey: running.host.token,
    configuration: { baseURL: running.host.apiBase },
    maxRetries: 0,
    temperature: 0,
    maxTokens: 300,
  });
}, 60_000);

afterAll(() => running?.dispose());

describe('@langchain/openai', () => {
  it('ChatOpenAI answers and streams', async () => {
    const answer = await chat.invoke('Hello');
    expect(typeof answer.content).toBe('string');
    expect(answer.usage_metadata?.input_tokens).toBeGreaterThan(0);
    let streamed = '';
    for await (const chunk of await chat.stream('Hello')) streamed += String(chunk.content);
    expect(streamed).toBe(answer.content);
  });

  it('bindTools with a forced tool gives a call whose args match the schema', async () => {
    const getForecast = tool(async (input) => JSON.stringify(input), { name: 'get_forecast', description: 'The forecast', schema: Forecast });
    const message = await chat.bindTools([getForecast], { tool_choice: 'get_forecast' }).invoke('Will it rain in Rome?');
    expect(message.tool_calls).toHaveLength(1);
    expect(message.tool_calls![0]!.name).toBe('get_forecast');
    expect(Forecast.strict().parse(message.tool_calls![0]!.args)).toBeTruthy();
  });

  it('withStructuredOutput returns a validated object, by JSON schema and by function calling', async () => {
    const bySchema = await chat.withStructuredOutput(Forecast, { name: 'forecast' }).invoke('Forecast for Paris');
    expect(Forecast.parse(bySchema)).toEqual(bySchema);
    const byCall = await chat.withStructuredOutput(Forecast, { name: 'forecast', method: 'functionCalling' }).invoke('Forecast for Beijing');
    expect(Forecast.parse(byCall)).toEqual(byCall);
  });

  it('OpenAIEmbeddings embeds queries and documents with the model dimension', async () => {
    const embeddings = new OpenAIEmbeddings({
      model: 'llama-gqa',
      apiKey: running.host.token,
      configuration: { baseURL: running.host.apiBase },
      maxRetries: 0,
    });
    const dimension = running.fixtures.byId['llama-gqa'].facts.embeddingLength!;
    expect(await embeddings.embedQuery('hello world')).toHaveLength(dimension);
    const documents = await embeddings.embedDocuments(['the model', 'is a test', 'hello']);
    expect(documents.map((d) => d.length)).toEqual([dimension, dimension, dimension]);
  });
});
