import type { ApiModel } from '../../../shared/contract';
import { sendJson, type Exchange } from './exchange';
import { OpenAiError } from './openAiErrors';

/** `GET /v1/models` (loaded models and every library file a request may load) and `GET /v1/models/{id}`. */
export async function models(exchange: Exchange, id: string | null): Promise<void> {
  const all = await exchange.api.models();
  const entries = all.flatMap((m) => [entry(m, m.id), ...m.aliases.map((alias) => entry(m, alias))]);
  if (id === null) return sendJson(exchange, { object: 'list', data: entries });
  const found = entries.find((e) => e.id === id);
  if (!found) throw new OpenAiError(404, 'invalid_request_error', 'model_not_found', `No model named "${id}".`, 'model');
  sendJson(exchange, found);
}

function entry(model: ApiModel, id: string) {
  return {
    id,
    object: 'model',
    created: 0,
    owned_by: 'caliper',
    // Beyond OpenAI's fields, as LM Studio and llama-server add theirs.
    loaded: model.loaded,
    quantization: model.quantization,
    architecture: model.architecture,
  };
}
