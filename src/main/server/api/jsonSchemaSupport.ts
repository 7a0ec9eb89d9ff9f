/**
 * JSON schemas are enforced by node-llama-cpp's grammar, which knows a subset of the keywords. A
 * schema is brought into that subset where the meaning is unchanged (annotations dropped, `anyOf`
 * read as `oneOf` — the grammar generates exactly one branch either way —, `definitions` as
 * `$defs`, `type: [object, null]` as a choice); anything else is refused with the keyword and
 * where it is, rather than accepted and not enforced.
 */

export type SchemaCheck = { ok: true; schema: Record<string, unknown> } | { ok: false; keyword: string; at: string };

type Json = Record<string, unknown>;

const ANNOTATIONS = new Set(['title', '$schema', '$id', '$comment', 'default', 'examples', 'deprecated', 'readOnly', 'writeOnly', 'strict']);
const BASIC_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null']);
const SUPPORTED = new Set([
  'type',
  'description',
  'const',
  'enum',
  'oneOf',
  'properties',
  'required',
  'additionalProperties',
  'minProperties',
  'maxProperties',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'format',
  '$defs',
  '$ref',
]);
const FORMATS = new Set(['date-time', 'date', 'time']);
/** What JSON-schema generators write for a plain integer: the safe-integer range, which any integer the grammar writes is in. */
const SAFE_BOUNDS = new Set([Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]);

class Unsupported extends Error {
  constructor(
    readonly keyword: string,
    readonly at: string,
  ) {
    super(keyword);
  }
}

export function checkJsonSchema(schema: unknown, root = 'schema'): SchemaCheck {
  try {
    return { ok: true, schema: normalise(schema, root) };
  } catch (error) {
    if (error instanceof Unsupported) return { ok: false, keyword: error.keyword, at: error.at };
    throw error;
  }
}

function normalise(node: unknown, at: string): Json {
  if (node === true || (isObject(node) && Object.keys(node).length === 0)) {
    throw new Unsupported('{} (any value)', at);
  }
  if (!isObject(node)) throw new Unsupported(typeof node, at);
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (ANNOTATIONS.has(key)) continue;
    if ((key === 'minimum' || key === 'maximum') && typeof value === 'number' && SAFE_BOUNDS.has(value)) continue;
    const name = key === 'anyOf' ? 'oneOf' : key === 'definitions' ? '$defs' : key;
    if (!SUPPORTED.has(name)) throw new Unsupported(key, at);
    out[name] = value;
  }
  if (typeof out.format === 'string' && !FORMATS.has(out.format)) throw new Unsupported(`format: ${out.format}`, at);
  if (typeof out.$ref === 'string') out.$ref = out.$ref.replace(/^#\/definitions\//, '#/$defs/');
  if (typeof out.$ref === 'string' && !/^#\/\$defs\/[^/]+$/.test(out.$ref)) throw new Unsupported(`$ref: ${out.$ref}`, at);

  for (const key of ['items', 'additionalProperties'] as const) {
    if (isObject(out[key])) out[key] = normalise(out[key], `${at}.${key}`);
  }
  for (const key of ['properties', '$defs'] as const) {
    if (isObject(out[key])) {
      out[key] = Object.fromEntries(Object.entries(out[key]).map(([k, v]) => [k, normalise(v, `${at}.${key}.${k}`)]));
    }
  }
  for (const key of ['oneOf', 'prefixItems'] as const) {
    if (Array.isArray(out[key])) out[key] = out[key].map((v, i) => normalise(v, `${at}.${key}.${i}`));
  }
  // `type: ["object", "null"]`: the grammar takes a list of basic types only, so make it a choice.
  if (Array.isArray(out.type) && !out.type.every((t) => BASIC_TYPES.has(t as string))) {
    const { type, ...rest } = out;
    return { oneOf: (type as string[]).map((t) => (BASIC_TYPES.has(t) && t !== 'string' ? { type: t } : { ...rest, type: t })) };
  }
  return out;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
