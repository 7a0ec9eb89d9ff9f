import { sendJson, type Exchange } from './exchange';
import { invalidRequest } from './openAiErrors';
import { EmbeddingRequestSchema } from './openAiSchemas';
import { parseBody } from './parseBody';

/** `POST /v1/embeddings`: one vector per input, as floats or base64 (the official clients ask for base64). */
export async function embeddings(exchange: Exchange): Promise<void> {
  const body = parseBody(EmbeddingRequestSchema, exchange.body);
  exchange.record.model = body.model;
  const inputs = typeof body.input === 'string' ? [body.input] : body.input;
  if (!inputs.every((i): i is string => typeof i === 'string')) {
    throw invalidRequest('Token arrays are not supported as input; send the text.', 'input', 'unsupported_parameter');
  }
  if (inputs.some((i) => i.length === 0)) throw invalidRequest('An input is empty.', 'input');

  const lease = await exchange.api.use(body.model);
  try {
    const { vectors, tokenCounts } = await exchange.api.embed(lease, inputs);
    const dimension = vectors[0]?.length ?? 0;
    if (body.dimensions !== undefined && body.dimensions !== dimension) {
      throw invalidRequest(`This model's embeddings have ${dimension} dimensions; they cannot be shortened to ${body.dimensions}.`, 'dimensions');
    }
    const tokens = tokenCounts.reduce((a, b) => a + b, 0);
    exchange.record.promptTokens = tokens;
    sendJson(exchange, {
      object: 'list',
      data: vectors.map((vector, index) => ({
        object: 'embedding',
        index,
        // Little-endian float32, as OpenAI encodes them.
        embedding: body.encoding_format === 'base64' ? Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64') : Array.from(vector),
      })),
      model: body.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  } finally {
    lease.release();
  }
}
