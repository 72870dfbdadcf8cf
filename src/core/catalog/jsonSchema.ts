/**
 * A small JSON Schema (draft-07 subset) validator. It interprets the same schema file that ships
 * in the VSIX for editor completion, so the format has one source of truth. Supported keywords:
 * type (one name or a list of names), properties, required, additionalProperties (false), items, enum, pattern, minLength,
 * maxLength, minItems, minimum, maximum, description and local `$ref`s (#/definitions/…).
 */

export type JsonPath = (string | number)[];

export interface SchemaError {
  path: JsonPath;
  message: string;
  /** 'key' when the error is about a property name (unknown property), else 'value'. */
  target: 'key' | 'value';
}

type TypeName = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';

export interface JsonSchema {
  $ref?: string;
  /** One type, or a list of scalar types (e.g. ["string", "number", "boolean"]). */
  type?: TypeName | TypeName[];
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

const typeNames: Record<TypeName, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
};

function hasType(value: unknown, type: TypeName): boolean {
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

type Check = (value: unknown, path: JsonPath, errors: SchemaError[]) => void;

/**
 * Compiles each schema node once into a closure (as ajv does), so validating a 10,000-skill
 * catalog walks plain functions instead of re-reading the schema for every value.
 */
export class SchemaValidator {
  private readonly compiled = new Map<JsonSchema, Check>();
  private readonly byPointer = new Map<string, Check>();

  constructor(private readonly root: JsonSchema) {}

  /** Validates `value` against the definition at `pointer` (e.g. "#/definitions/skill"), or the root. */
  validate(value: unknown, pointer = '#', basePath: JsonPath = []): SchemaError[] {
    const errors: SchemaError[] = [];
    let check = this.byPointer.get(pointer);
    if (!check) {
      check = this.compile(this.resolve({ $ref: pointer }));
      this.byPointer.set(pointer, check);
    }
    check(value, [...basePath], errors);
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

  private compile(schemaIn: JsonSchema): Check {
    const schema = this.resolve(schemaIn);
    const existing = this.compiled.get(schema);
    if (existing) return existing;
    // A forwarding stub first, so recursive schemas compile.
    let impl: Check = () => undefined;
    const stub: Check = (v, p, e) => impl(v, p, e);
    this.compiled.set(schema, stub);
    impl = this.build(schema);
    return stub;
  }

  private build(schema: JsonSchema): Check {
    const checks: Check[] = [];
    const { type } = schema;
    if (schema.enum) {
      const allowed = schema.enum;
      const text = allowed.map((e) => JSON.stringify(e)).join(', ');
      return (v, path, errors) => {
        if (!allowed.includes(v)) errors.push({ path: [...path], target: 'value', message: `expected one of ${text}, found ${describe(v)}` });
      };
    }
    if (type === 'string') {
      const { minLength, maxLength, pattern } = schema;
      const re = pattern === undefined ? undefined : new RegExp(pattern);
      const what = pattern?.startsWith('^[a-z0-9]+') ? 'a kebab-case id (lowercase letters, digits and single dashes)' : `text matching ${pattern}`;
      checks.push((v, path, errors) => {
        const s = v as string;
        if (minLength !== undefined && s.trim().length < minLength) errors.push({ path: [...path], target: 'value', message: 'expected non-empty text' });
        if (maxLength !== undefined && s.length > maxLength) errors.push({ path: [...path], target: 'value', message: `expected at most ${maxLength} characters, found ${s.length}` });
        if (re && !re.test(s)) errors.push({ path: [...path], target: 'value', message: `expected ${what}, found ${describe(s)}` });
      });
    } else if (type === 'number' || type === 'integer') {
      const { minimum, maximum } = schema;
      if (minimum !== undefined || maximum !== undefined) {
        checks.push((v, path, errors) => {
          const n = v as number;
          if (minimum !== undefined && n < minimum) errors.push({ path: [...path], target: 'value', message: `expected at least ${minimum}, found ${n}` });
          if (maximum !== undefined && n > maximum) errors.push({ path: [...path], target: 'value', message: `expected at most ${maximum}, found ${n}` });
        });
      }
    } else if (type === 'array') {
      const { minItems } = schema;
      const item = schema.items ? this.compile(schema.items) : undefined;
      checks.push((v, path, errors) => {
        const list = v as unknown[];
        if (minItems !== undefined && list.length < minItems) errors.push({ path: [...path], target: 'value', message: `expected at least ${minItems} item(s)` });
        if (item) {
          for (let i = 0; i < list.length; i++) {
            path.push(i);
            item(list[i], path, errors);
            path.pop();
          }
        }
      });
    } else if (type === 'object') {
      const required = schema.required ?? [];
      const props = new Map(Object.entries(schema.properties ?? {}).map(([k, sub]) => [k, this.compile(sub)] as const));
      const closed = schema.additionalProperties === false;
      const known = [...props.keys()].join(', ');
      checks.push((v, path, errors) => {
        const record = v as Record<string, unknown>;
        for (const key of required) {
          const x = record[key];
          if (x === null || x === undefined) errors.push({ path: [...path], target: 'value', message: `missing required field "${key}"` });
        }
        for (const key in record) {
          const child = record[key];
          const check = props.get(key);
          if (check) {
            if (child !== null && child !== undefined) {
              path.push(key);
              check(child, path, errors);
              path.pop();
            }
          } else if (closed) {
            errors.push({ path: [...path, key], target: 'key', message: `unknown field "${key}"; expected one of ${known}` });
          }
        }
      });
    }
    const types = type === undefined ? undefined : Array.isArray(type) ? type : [type];
    return (v, path, errors) => {
      if (types !== undefined && !types.some((t) => hasType(v, t))) {
        errors.push({ path: [...path], target: 'value', message: `expected ${types.map((t) => typeNames[t]).join(' or ')}, found ${describe(v)}` });
        return;
      }
      for (const c of checks) c(v, path, errors);
    };
  }
}

/** Renders a path like skills[0].expectations[3].role. */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out || '(file)';
}
