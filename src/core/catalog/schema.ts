/**
 * Schema validation of catalog entries and starter manifests. The validators are generated at
 * build time from data/schema/*.json (the shipped schemas are the one source of truth) by Ajv's
 * standalone code (scripts/gen-validators.mjs), so nothing compiles a schema at run time. This
 * module only turns their errors into the messages a pack author reads.
 */
import * as generated from './generated/schemaValidators';
import type { GeneratedError, GeneratedValidator } from './generated/schemaValidators';
import { formatPath, type JsonPath } from './jsonPath';

export interface SchemaError {
  path: JsonPath;
  message: string;
  /** 'key' when the error is about a property name (unknown property), else 'value'. */
  target: 'key' | 'value';
}

export type SchemaKind = 'level' | 'role' | 'skill' | 'skillPracticeProject' | 'careerRelevance' | 'template';

const validators = new Map<SchemaKind, GeneratedValidator>([
  ['level', generated.level],
  ['role', generated.role],
  ['skill', generated.skill],
  ['skillPracticeProject', generated.skillPracticeProject],
  ['careerRelevance', generated.careerRelevance],
  ['template', generated.template],
]);

/** Validates `value` as a `kind` (a pack list entry, or a whole template manifest); paths start at `basePath`. */
export function validateAgainst(kind: SchemaKind, value: unknown, basePath: JsonPath = []): SchemaError[] {
  const validate = validators.get(kind);
  if (!validate) throw new Error(`no schema validator for ${kind}`);
  if (validate(value)) return [];
  const out: SchemaError[] = [];
  const seen = new Set<string>();
  for (const e of validate.errors ?? []) {
    const error = toSchemaError(e, basePath);
    const key = `${formatPath(error.path)}\u0000${error.target}\u0000${error.message}`;
    if (seen.has(key)) continue; // "" breaks both minLength and the \S pattern: say it once
    seen.add(key);
    out.push(error);
  }
  return out;
}

function pointerToPath(pointer: string): JsonPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((seg) => {
      const s = seg.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^(0|[1-9]\d{0,8})$/.test(s) ? Number(s) : s;
    });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  return `${typeof value} ${String(value)}`;
}

const typeNames = new Map<string, string>([
  ['object', 'a mapping'],
  ['array', 'a list'],
  ['string', 'text'],
  ['number', 'a number'],
  ['integer', 'a whole number'],
  ['boolean', 'true or false'],
  ['null', 'nothing'],
]);

const limit = (e: GeneratedError) => Number(e.params.limit);

function message(e: GeneratedError): string {
  const found = describe(e.data);
  switch (e.keyword) {
    case 'type': {
      const types = String(e.params.type).split(',');
      return `expected ${types.map((t) => typeNames.get(t) ?? t).join(' or ')}, found ${found}`;
    }
    case 'required':
      return `missing required field "${String(e.params.missingProperty)}"`;
    case 'enum': {
      const allowed = Array.isArray(e.params.allowedValues) ? e.params.allowedValues : [];
      return `expected one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}, found ${found}`;
    }
    case 'const':
      return `expected ${JSON.stringify(e.params.allowedValue)}, found ${found}`;
    case 'pattern': {
      const pattern = String(e.params.pattern);
      if (pattern === '\\S') return 'expected non-empty text';
      if (pattern.startsWith('^[a-z0-9]+')) return `expected a kebab-case id (lowercase letters, digits and single dashes), found ${found}`;
      return `expected text matching ${pattern}, found ${found}`;
    }
    case 'minLength':
      return limit(e) <= 1 ? 'expected non-empty text' : `expected at least ${limit(e)} characters`;
    case 'maxLength':
      return `expected at most ${limit(e)} characters, found ${typeof e.data === 'string' ? e.data.length : '?'}`;
    case 'minItems':
      return `expected at least ${limit(e)} item(s)`;
    case 'maxItems':
      return `expected at most ${limit(e)} item(s), found ${Array.isArray(e.data) ? e.data.length : '?'}`;
    case 'minimum':
    case 'exclusiveMinimum':
      return `expected ${e.keyword === 'minimum' ? 'at least' : 'more than'} ${limit(e)}, found ${String(e.data)}`;
    case 'maximum':
    case 'exclusiveMaximum':
      return `expected ${e.keyword === 'maximum' ? 'at most' : 'less than'} ${limit(e)}, found ${String(e.data)}`;
    default:
      return e.message ?? `does not match the schema (${e.keyword})`;
  }
}

function toSchemaError(e: GeneratedError, basePath: JsonPath): SchemaError {
  const path = [...basePath, ...pointerToPath(e.instancePath)];
  if (e.keyword === 'additionalProperties') {
    const key = String(e.params.additionalProperty);
    const props = e.parentSchema?.properties;
    const known = props && typeof props === 'object' ? Object.keys(props).join(', ') : '';
    return { path: [...path, key], target: 'key', message: `unknown field "${key}"; expected one of ${known}` };
  }
  return { path, target: 'value', message: message(e) };
}
