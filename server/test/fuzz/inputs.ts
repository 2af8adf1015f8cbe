import { randomUUID } from 'node:crypto';

/**
 * Inputs for the fuzz suite, generated from the OpenAPI document's JSON Schemas with a seeded random
 * source: the same seed sends the same requests, so a failure found once is found again.
 */

export type JsonSchema = Record<string, unknown>;

/** mulberry32: small, fast and good enough to choose inputs. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Picker {
  constructor(readonly random: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  one<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
}

/** Text a district might not expect to survive: other scripts, markup, SQL, control characters. */
export const nastyStrings = [
  '',
  ' ',
  'שלום עולם — right to left',
  'مرحبا بالعالم',
  '漢字とかな',
  "Robert'); DROP TABLE plans;--",
  "' OR '1'='1",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '=HYPERLINK("http://evil.test")',
  'a\u0000b',
  'lone \ud800 surrogate',
  '\u202eevil\u202c',
  '../../../../etc/passwd',
  '%00%0d%0a',
  '${7*7}{{7*7}}',
  '🧑‍🏫'.repeat(50),
];

export const badIds = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  randomUUID(),
  "1' or '1'='1",
  '..%2F..%2Fetc',
  '%00',
  'x'.repeat(300),
  '-1',
  '1e309',
];

const resolve = (schema: JsonSchema, components: Record<string, JsonSchema>): JsonSchema => {
  const ref = schema.$ref;
  if (typeof ref === 'string') return resolve(components[ref.replace('#/components/schemas/', '')] ?? {}, components);
  return schema;
};

const typesOf = (schema: JsonSchema): string[] =>
  Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === 'string' ? [schema.type] : [];

/** Strings that fit common patterns (a school year, a date, a key), tried against a schema's pattern. */
const patternCandidates = ['2026-27', '2026-03-01', 'design.q1', 'context', 'plans', '#336699', 'abc', '1'];

export interface Ids {
  /** Real ids and keys by path parameter name (both districts'), to mix with bad ones. */
  [param: string]: string[];
}

/** A value the schema accepts (as far as JSON Schema tells), with real ids where a uuid is asked for. */
export function validValue(
  schema: JsonSchema,
  components: Record<string, JsonSchema>,
  pick: Picker,
  ids: Ids,
  depth = 0,
): unknown {
  const s = resolve(schema, components);
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return pick.one(s.enum);
  const alternatives = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (alternatives) return validValue(pick.one(alternatives), components, pick, ids, depth + 1);
  if (Array.isArray(s.allOf)) return validValue((s.allOf as JsonSchema[])[0]!, components, pick, ids, depth + 1);
  const types = typesOf(s).filter((t) => t !== 'null');
  const type = types.length > 0 ? pick.one(types) : s.properties ? 'object' : 'string';
  switch (type) {
    case 'object': {
      const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((s.required ?? []) as string[]);
      const out: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(properties)) {
        if (required.has(name) || (depth < 3 && pick.chance(0.6))) {
          out[name] = validValue(property, components, pick, ids, depth + 1);
        }
      }
      return out;
    }
    case 'array': {
      const min = Number(s.minItems ?? 0);
      const max = Math.min(Number(s.maxItems ?? min + 3), min + 3);
      const items = (s.items ?? {}) as JsonSchema;
      return Array.from({ length: pick.int(min, Math.max(min, max)) }, () =>
        validValue(items, components, pick, ids, depth + 1),
      );
    }
    case 'integer':
    case 'number': {
      const min = Number(s.minimum ?? (s.exclusiveMinimum !== undefined ? Number(s.exclusiveMinimum) + 1 : 0));
      const max = Number(s.maximum ?? (s.exclusiveMaximum !== undefined ? Number(s.exclusiveMaximum) - 1 : min + 100));
      return pick.chance(0.2) ? pick.one([min, max]) : pick.int(Math.ceil(min), Math.floor(Math.min(max, min + 1000)));
    }
    case 'boolean':
      return pick.chance(0.5);
    default:
      return validString(s, pick, ids);
  }
}

function validString(s: JsonSchema, pick: Picker, ids: Ids): string {
  const all = Object.values(ids).flat();
  switch (s.format) {
    case 'uuid':
      return pick.chance(0.8) && all.length > 0 ? pick.one(all.filter((v) => /^[0-9a-f-]{36}$/.test(v))) : randomUUID();
    case 'date':
      return pick.one(['2026-03-01', '2025-09-15', '2027-06-30']);
    case 'date-time':
      return new Date(Date.UTC(2026, pick.int(0, 11), pick.int(1, 28))).toISOString();
    case 'email':
      return `fuzz-${pick.int(1, 1e6)}@lakeview.test`;
    case 'uri':
    case 'url':
      return 'https://accounts.example.org';
    default:
      break;
  }
  if (typeof s.pattern === 'string') {
    const pattern = new RegExp(s.pattern, 'u');
    const fitting = patternCandidates.find((c) => pattern.test(c));
    if (fitting) return fitting;
  }
  const min = Number(s.minLength ?? 0);
  const max = Math.min(Number(s.maxLength ?? 40), 60);
  const words = ['literacy', 'coach', 'Lakeview', 'reach', 'mentor', 'data', 'équipe', 'año', 'Nguyễn'];
  let text = '';
  while (text.length < Math.max(min, pick.int(min, Math.max(min, max)))) text += `${pick.one(words)} `;
  return text.slice(0, Math.max(min, max)).padEnd(min, 'x');
}

/** Ways to break a valid body, each named so the report says what was tried. */
export const bodyMutations: Record<string, (valid: unknown, pick: Picker) => string> = {
  'wrong type at the top': (_v, pick) => JSON.stringify(pick.one([[], 'text', 42, null, true])),
  'a field missing': (valid, pick) => {
    if (!isObject(valid) || Object.keys(valid).length === 0) return JSON.stringify({});
    const copy = { ...valid };
    delete copy[pick.one(Object.keys(copy))];
    return JSON.stringify(copy);
  },
  'a field of the wrong type': (valid, pick) => {
    if (!isObject(valid) || Object.keys(valid).length === 0) return JSON.stringify({ field: [] });
    const key = pick.one(Object.keys(valid));
    return JSON.stringify({ ...valid, [key]: pick.one([{}, [], 12.5, -1, 'text', true, null]) });
  },
  'extra fields': (valid) =>
    `{${isObject(valid) ? JSON.stringify(valid).slice(1, -1) + ',' : ''}"__proto__":{"admin":true},"constructor":{"prototype":1},"extra":"field"}`,
  'a huge string': (valid, pick) => {
    const huge = 'x'.repeat(pick.one([20_001, 100_000, 1_100_000]));
    if (!isObject(valid) || Object.keys(valid).length === 0) return JSON.stringify({ text: huge });
    return JSON.stringify({ ...valid, [pick.one(Object.keys(valid))]: huge });
  },
  'deep nesting': (_v, pick) => {
    const depth = pick.one([100, 5_000]);
    return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  },
  'nasty text in a field': (valid, pick) => {
    if (!isObject(valid) || Object.keys(valid).length === 0) return JSON.stringify({ text: pick.one(nastyStrings) });
    return JSON.stringify({ ...valid, [pick.one(Object.keys(valid))]: pick.one(nastyStrings) });
  },
  'numbers at and past their limits': (valid, pick) => {
    const number = pick.one(['1e309', '-1e309', '9007199254740993', '2147483648', '-0', '0.1e-400', '1e12', '1e13']);
    if (!isObject(valid) || Object.keys(valid).length === 0) return `{"value":${number}}`;
    const key = pick.one(Object.keys(valid));
    return JSON.stringify({ ...valid, [key]: '__NUMBER__' }).replace('"__NUMBER__"', number);
  },
  'JSON that does not parse': (_v, pick) => pick.one(['{', '{"a":1,}', "{'a':1}", '\u0000', '[1,2', 'nul']),
};

/** encodeURIComponent, except that a lone surrogate (which it refuses) goes as bytes that are not UTF-8. */
const encodeAnyway = (text: string) =>
  text
    .split(/([\ud800-\udfff])/u)
    .map((part) => (/^[\ud800-\udfff]$/u.test(part) ? '%ED%A0%80' : encodeURIComponent(part)))
    .join('');

/** Ways to break a query string. */
export const queryMutations: ((pick: Picker) => string)[] = [
  (pick) => `limit=${pick.one(['-1', '0', '1e309', '99999999999', 'abc', ''])}`,
  () => 'planId[]=x&planId[]=y',
  (pick) => `planId=${encodeAnyway(pick.one(badIds))}`,
  (pick) => `stage=${encodeAnyway(pick.one(nastyStrings))}`,
  () => 'before=not-a-cursor&from=2026-13-45&to=9999-12-31',
  () => '%E0%A4%A=broken-percent',
  () => `q=${'x'.repeat(10_000)}`,
];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
