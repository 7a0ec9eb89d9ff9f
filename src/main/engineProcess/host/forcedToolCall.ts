import type { ToolCallResult, ToolChoice, ToolSpec } from '../protocol';

/** Any JSON object: the arguments of a tool declared without parameters. */
const ANY_OBJECT = { type: 'object', additionalProperties: true } as const;

/**
 * `tool_choice: required` or a named tool: the answer must be a call, so it is generated under a
 * JSON-schema grammar instead of trusting the model to choose one. A named tool's grammar is its
 * arguments alone; otherwise `{"name": <one of the tools>, "arguments": <its parameters>}`.
 */
export function forcedCallSchema(tools: ToolSpec[], choice: Exclude<ToolChoice, 'auto'>): { schema: Record<string, unknown>; name: string | null } {
  if (typeof choice === 'object') {
    const tool = tools.find((t) => t.name === choice.name);
    return { schema: tool?.parameters ?? ANY_OBJECT, name: choice.name };
  }
  const variants = tools.map((t) => ({
    type: 'object',
    properties: { name: { const: t.name }, arguments: t.parameters ?? ANY_OBJECT },
    required: ['name', 'arguments'],
    additionalProperties: false,
  }));
  return { schema: variants.length === 1 ? variants[0]! : { oneOf: variants }, name: null };
}

/** Where the arguments start in `{"name": "...", "arguments": `, once that much is written. */
const CALL_PREFIX = /^\s*\{\s*"name"\s*:\s*("(?:[^"\\]|\\.)*")\s*,\s*"arguments"\s*:\s*/;
/** The wrapper's closing brace (and whitespace) may be the last thing written: held back until more arrives. */
const HELD_SUFFIX = /\s*\}?\s*$/;

/**
 * Turns the grammar-constrained text into tool-call deltas as it streams: the name as soon as it
 * is complete, then the arguments' JSON text piece by piece, so the concatenated deltas are exactly
 * the call's arguments (the wrapper object around them is never sent).
 */
export class ForcedCallStream {
  private text = '';
  private name: string | null;
  private argsStart = -1;
  private sent = 0;

  constructor(
    named: string | null,
    private readonly emit: (name: string | null, argumentsDelta: string) => void,
  ) {
    this.name = named;
    if (named !== null) {
      this.argsStart = 0;
      emit(named, '');
    }
  }

  push(chunk: string): void {
    this.text += chunk;
    if (this.argsStart < 0) {
      const match = CALL_PREFIX.exec(this.text);
      if (!match) return;
      this.name = JSON.parse(match[1]!) as string;
      this.argsStart = match[0].length;
      this.sent = this.argsStart;
      this.emit(this.name, '');
    }
    const end = this.named ? this.text.length : this.text.length - HELD_SUFFIX.exec(this.text)![0].length;
    if (end > this.sent) {
      this.emit(null, this.text.slice(this.sent, end));
      this.sent = end;
    }
  }

  /** The finished call, or null when the model stopped before naming a tool. */
  finish(): ToolCallResult | null {
    if (this.name === null || this.argsStart < 0) return null;
    return { name: this.name, arguments: this.text.slice(this.argsStart, this.sent) };
  }

  private get named(): boolean {
    return this.argsStart === 0;
  }
}
