import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';

/**
 * The second check of every stored submission: the normalised answers against the version's
 * own JSON Schema (draft 2020-12), with Ajv. The domain validator is the one that explains
 * problems to people; this one makes sure the published schema is not decoration — if the two
 * ever disagree, the submission is refused rather than stored.
 */
const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
const compiled = new Map<string, ValidateFunction>();

export function schemaErrors(cacheKey: string, schema: object, value: unknown): string[] {
  let validate = compiled.get(cacheKey);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(cacheKey, validate);
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'invalid'}`);
}

/** Compiles a schema once, to refuse publishing one that Ajv cannot use. */
export function schemaCompileError(schema: object): string | null {
  try {
    ajv.compile(schema);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
