import type { ChatTurn, ToolCallTurn } from '../../engineProcess/protocol';
import { invalidRequest } from './openAiErrors';
import type { ChatMessage } from './openAiSchemas';

/**
 * OpenAI messages as the engine's turns. `developer` is a system message; a tool's result joins
 * the assistant call it answers (node-llama-cpp keeps a call and its result together); text parts
 * are joined; anything that is not text (images, audio) is refused, not dropped.
 */
export function toTurns(messages: ChatMessage[]): ChatTurn[] {
  const turns: ChatTurn[] = [];
  const pendingCalls = new Map<string, ToolCallTurn>();
  for (const [i, message] of messages.entries()) {
    const text = textOf(message.content, `messages.${i}.content`);
    switch (message.role) {
      case 'system':
      case 'developer':
        turns.push({ role: 'system', text });
        break;
      case 'user':
        turns.push({ role: 'user', text });
        break;
      case 'assistant': {
        const toolCalls = (message.tool_calls ?? []).map((call) => {
          const turn: ToolCallTurn = { name: call.function.name, arguments: parseArguments(call.function.arguments), result: undefined };
          pendingCalls.set(call.id, turn);
          return turn;
        });
        turns.push(toolCalls.length ? { role: 'assistant', text, toolCalls } : { role: 'assistant', text });
        break;
      }
      case 'tool': {
        const call = pendingCalls.get(message.tool_call_id);
        if (!call) throw invalidRequest(`messages.${i}: no earlier assistant message made the tool call "${message.tool_call_id}"`, `messages.${i}.tool_call_id`);
        call.result = parseArguments(text);
        break;
      }
      case 'function':
        throw invalidRequest('The "function" role is deprecated; send tool calls and "tool" messages instead.', `messages.${i}.role`);
    }
  }
  if (turns.every((t) => t.role === 'system')) throw invalidRequest('messages needs at least one user or assistant message.', 'messages');
  return turns;
}

function textOf(content: ChatMessage['content'], param: string): string {
  if (content == null) return '';
  if (typeof content === 'string') return content;
  return content
    .map((part, j) => {
      if (part.type !== 'text' || typeof part.text !== 'string') {
        throw invalidRequest(`${param}.${j}: "${part.type}" content is not supported; Caliper's engine reads text only.`, `${param}.${j}.type`);
      }
      return part.text;
    })
    .join('');
}

/** Arguments and results are usually JSON; a model's malformed arguments are kept as the text it wrote. */
function parseArguments(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
