/**
 * A small JSON Schema (draft-07 subset) validator. It interprets the same schema file that ships
 * in the VSIX for editor completion, so the format has one source of truth. Supported keywords:
 * type, properties, required, additionalProperties (false), items, enum, pattern, minLength,
 * maxLength, minItems, minimum, maximum, description and local `$ref`s (#/definitions/…).
 */

export type JsonPath = (string | number)[];

export interface SchemaError {
  path: JsonPath;
  message: string;
  /** 'key' when the error is about a property name (unknown property), else 'value'. */
  target: 'key' | 'value';
}

export interface JsonSchema {
  $ref?: string;
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  minimum?: number;
  maximum?: number;
  description?: string;
  definitions?: Record<string, JsonSchema>;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  return `${typeof value} ${String(value)}`;
}

const typeNames: Record<NonNullable<JsonSchema['type']>, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
};

function hasType(value: unknown, type: NonNullable<JsonSchema['type']>): boolean {
  switch (type) {
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
  }
}

export class SchemaValidator {
  private readonly patterns = new Map<string, RegExp>();

  constructor(private readonly root: JsonSchema) {}

  /** Validates `value` against the definition at `pointer` (e.g. "#/definitions/skill"), or the root. */
  validate(value: unknown, pointer = '#', basePath: JsonPath = []): SchemaError[] {
    const errors: SchemaError[] = [];
    this.check(this.resolve({ $ref: pointer }), value, [...basePath], errors);
    return errors;
  }

  private resolve(schema: JsonSchema): JsonSchema {
    let current = schema;
    while (current.$ref !== undefined) {
      const ref: string = current.$ref;
      if (ref === '#') return this.root;
      const name = /^#\/definitions\/(.+)$/.exec(ref)?.[1];
      const target = name === undefined ? undefined : this.root.definitions?.[name];
      if (!target) throw new Error(`Schema reference ${ref} does not resolve`);
      current = target;
    }
    return current;
  }

  private check(schemaIn: JsonSchema, value: unknown, path: JsonPath, errors: SchemaError[]): void {
    const schema = this.resolve(schemaIn);
    if (schema.enum && !schema.enum.includes(value)) {
      errors.push({ path: [...path], target: 'value', message: `expected one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}, found ${describe(value)}` });
      return;
    }
    if (schema.type && !hasType(value, schema.type)) {
      errors.push({ path: [...path], target: 'value', message: `expected ${typeNames[schema.type]}, found ${describe(value)}` });
      return;
    }
    if (typeof value === 'string') {
      if (schema.minLength !== undefined && value.trim().length < schema.minLength) {
        errors.push({ path: [...path], target: 'value', message: 'expected non-empty text' });
      }
      if (schema.maxLength !== undefined && value.length > schema.maxLength) {
        errors.push({ path: [...path], target: 'value', message: `expected at most ${schema.maxLength} characters, found ${value.length}` });
      }
      if (schema.pattern !== undefined && !this.regex(schema.pattern).test(value)) {
        const what = schema.pattern.startsWith('^[a-z0-9]+') ? 'a kebab-case id (lowercase letters, digits and single dashes)' : `text matching ${schema.pattern}`;
        errors.push({ path: [...path], target: 'value', message: `expected ${what}, found ${describe(value)}` });
      }
    }
    if (typeof value === 'number') {
      if (schema.minimum !== undefined && value < schema.minimum) errors.push({ path: [...path], target: 'value', message: `expected at least ${schema.minimum}, found ${value}` });
      if (schema.maximum !== undefined && value > schema.maximum) errors.push({ path: [...path], target: 'value', message: `expected at most ${schema.maximum}, found ${value}` });
    }
    if (Array.isArray(value)) {
      if (schema.minItems !== undefined && value.length < schema.minItems) {
        errors.push({ path: [...path], target: 'value', message: `expected at least ${schema.minItems} item(s)` });
      }
      if (schema.items) {
        for (let i = 0; i < value.length; i++) {
          path.push(i);
          this.check(schema.items, value[i], path, errors);
          path.pop();
        }
      }
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const record = value as Record<string, unknown>;
      for (const key of schema.required ?? []) {
        if (!(key in record) || record[key] === null || record[key] === undefined) {
          errors.push({ path: [...path], target: 'value', message: `missing required field "${key}"` });
        }
      }
      const props = schema.properties ?? {};
      for (const [key, child] of Object.entries(record)) {
        const childSchema = props[key];
        if (childSchema) {
          if (child !== null && child !== undefined) {
            path.push(key);
            this.check(childSchema, child, path, errors);
            path.pop();
          }
        } else if (schema.additionalProperties === false) {
          const known = Object.keys(props);
          errors.push({ path: [...path, key], target: 'key', message: `unknown field "${key}"; expected one of ${known.join(', ')}` });
        }
      }
    }
  }

  private regex(source: string): RegExp {
    let re = this.patterns.get(source);
    if (!re) {
      re = new RegExp(source);
      this.patterns.set(source, re);
    }
    return re;
  }
}

/** Renders a path like skills[0].expectations[3].role. */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out || '(file)';
}
