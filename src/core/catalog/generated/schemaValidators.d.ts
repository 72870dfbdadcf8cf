// Types of the validators that scripts/gen-validators.mjs generates (with Ajv's standalone code)
// into schemaValidators.js next to this file, at build time, from data/schema/*.json.

export interface GeneratedError {
  /** JSON Pointer of the value, relative to the validated value ("/expectations/3/role"). */
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  /** The keyword's value in the schema (verbose mode). */
  schema: unknown;
  /** The schema object that holds the keyword (verbose mode). */
  parentSchema?: Record<string, unknown>;
  /** The value that failed (verbose mode). */
  data: unknown;
}

export interface GeneratedValidator {
  (value: unknown): boolean;
  errors?: GeneratedError[] | null;
}

export const level: GeneratedValidator;
export const role: GeneratedValidator;
export const skill: GeneratedValidator;
export const skillPracticeProject: GeneratedValidator;
export const careerRelevance: GeneratedValidator;
export const template: GeneratedValidator;
