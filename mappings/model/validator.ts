/**
 * Validates output documents against a target model with ajv, and turns ajv's errors into
 * sentences a reviewer can act on ("entities/2/dateOfBirth/precision must be one of year, month…").
 *
 * Besides the schema itself, a field annotated `x-code-list: SCHEME` is checked against the model's
 * code list of that scheme when the model has one: the code must exist and `scheme` must name the
 * list. A value marked `mappingQuality: "unmapped"` is exempt (it carries an unmapped source value
 * for review by design).
 */
import Ajv, { type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { diag } from '../diagnostics/catalog';
import { MappingError } from '../diagnostics/diagnostic';
import { MODEL } from './codes';
import { checkReferentialIntegrity } from './integrity';
import type { TargetModel } from './target-model';

export interface ValidationError {
  /** Slash-separated path into the document, e.g. `entities/2/dateOfBirth/precision` (`""` = root). */
  path: string;
  message: string;
  /** The JSON Schema keyword that failed (`required`, `enum`, `x-code-list`…). */
  keyword: string;
}

export interface ValidationResult {
  valid: boolean;
  errors: ValidationError[];
}

export type DocumentValidator = (doc: unknown) => ValidationResult;

const cache = new WeakMap<TargetModel, DocumentValidator>();
const withIntegrityCache = new WeakMap<TargetModel, DocumentValidator>();

export interface ValidatorOptions {
  /**
   * Also run {@link checkReferentialIntegrity} (links point at entities of the document, ids are
   * unique, link roles join the right kinds of entity); its findings come back with keyword
   * `integrity`. Only meaningful for models with entities and links.
   */
  integrity?: boolean;
}

/**
 * Compiles (once per model) a validator for output documents.
 * @throws MappingError (MW2012) when the schema cannot be compiled.
 * @example createValidator(getModel('pole'))(doc).errors.map((e) => e.message)
 */
export function createValidator(model: TargetModel, options: ValidatorOptions = {}): DocumentValidator {
  if (options.integrity) {
    let v = withIntegrityCache.get(model);
    if (!v) {
      const schemaOnly = createValidator(model);
      v = (doc) => {
        const r = schemaOnly(doc);
        const integrity = checkReferentialIntegrity(doc, model).map((d) => ({
          path: (d.location.pointer ?? '').slice(1),
          message: `${(d.location.pointer ?? '').slice(1)}: ${d.message}`,
          keyword: 'integrity',
        }));
        return integrity.length ? { valid: false, errors: [...r.errors, ...integrity] } : r;
      };
      withIntegrityCache.set(model, v);
    }
    return v;
  }
  const cached = cache.get(model);
  if (cached) return cached;
  // inlineRefs: false roughly halves compile time for a schema of POLE's size with no runtime cost worth measuring.
  const ajvOptions = {
    allErrors: true,
    strict: false,
    verbose: true,
    validateFormats: true,
    inlineRefs: false,
  } as const;
  const ajv =
    model.dialect === 'draft-07'
      ? new Ajv(ajvOptions)
      : model.dialect === '2019-09'
        ? new Ajv2019(ajvOptions)
        : new Ajv2020(ajvOptions);
  addFormats(ajv as unknown as Ajv);
  ajv.addKeyword({ keyword: 'x-data-protection', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'x-mapwright', schemaType: 'object' });
  const codeSets = new Map(Object.values(model.codeLists).map((l) => [l.scheme, new Set(l.codes.map((c) => c.code))]));
  type CodeCheck = ((scheme: string, data: unknown) => boolean) & { errors: Partial<ErrorObject>[] };
  const fail = (error: Partial<ErrorObject>) => {
    checkCode.errors = [error];
    return false;
  };
  const checkCode: CodeCheck = Object.assign(
    (scheme: string, data: unknown): boolean => {
      const codes = codeSets.get(scheme);
      if (!codes) return true;
      let code: unknown = data;
      if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
        const c = data as { code?: unknown; scheme?: unknown; mappingQuality?: unknown };
        if (c.mappingQuality === 'unmapped') return true;
        if (typeof c.scheme === 'string' && c.scheme !== scheme) {
          return fail({
            keyword: 'x-code-list',
            message: `scheme must be ${scheme}, not ${c.scheme}`,
            params: { scheme, actual: c.scheme },
          });
        }
        code = c.code;
      }
      if (typeof code !== 'string' || codes.has(code)) return true;
      return fail({
        keyword: 'x-code-list',
        message: `"${code}" is not a code of ${scheme}`,
        params: { scheme, code },
      });
    },
    { errors: [] as Partial<ErrorObject>[] },
  );
  ajv.addKeyword({ keyword: 'x-code-list', schemaType: 'string', errors: true, validate: checkCode });

  let validate: ValidateFunction;
  try {
    validate = ajv.compile(model.schema as AnySchemaObject);
  } catch (e) {
    throw new MappingError(
      diag(MODEL.MW2012, { detail: (e as Error).message }, model.file ? { file: model.file } : {}),
    );
  }
  const fn: DocumentValidator = (doc) => {
    if (validate(doc)) return { valid: true, errors: [] };
    return { valid: false, errors: humaniseErrors(validate.errors ?? []) };
  };
  cache.set(model, fn);
  return fn;
}

/** Turns ajv errors into located sentences, dropping the echoes that `if`/`anyOf` produce. */
export function humaniseErrors(errors: readonly ErrorObject[]): ValidationError[] {
  // Errors inside an anyOf of `required` alternatives are summarised by the anyOf error itself.
  const summarised = errors
    .filter((e) => e.keyword === 'anyOf' && requiredAlternatives(e.schema) !== undefined)
    .map((e) => `${e.schemaPath}/`);
  const all: ValidationError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'if') continue;
    if (summarised.some((p) => e.schemaPath.startsWith(p))) continue;
    const v = humanise(e);
    const key = `${v.path}|${v.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    all.push(v);
  }
  // A field that failed inside a subtype's then-block is also "unevaluated" to ajv, and a value
  // outside an enum is also outside its code list: keep only the first, more specific message.
  const specific = all.filter((v) => v.keyword !== 'unevaluatedProperties' && v.keyword !== 'x-code-list');
  const covered = (path: string) => specific.some((v) => v.path === path || v.path.startsWith(`${path}/`));
  return all.filter((v) =>
    v.keyword === 'unevaluatedProperties' || v.keyword === 'x-code-list' ? !covered(v.path) : true,
  );
}

function requiredAlternatives(schema: unknown): string[] | undefined {
  if (!Array.isArray(schema)) return undefined;
  const names: string[] = [];
  for (const alt of schema) {
    const keys = typeof alt === 'object' && alt !== null ? Object.keys(alt) : [];
    const req = (alt as { required?: unknown }).required;
    if (keys.length !== 1 || !Array.isArray(req) || req.length !== 1) return undefined;
    names.push(String(req[0]));
  }
  return names;
}

function decode(instancePath: string): string {
  return instancePath
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('/');
}

function sub(path: string, name: string) {
  return path ? `${path}/${name}` : name;
}

const ARTICLE: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

function humanise(e: ErrorObject): ValidationError {
  const path = decode(e.instancePath);
  const at = path || 'The document';
  const p = e.params as Record<string, unknown>;
  const shown = (v: unknown) => (typeof v === 'string' ? `"${v}"` : JSON.stringify(v));
  switch (e.keyword) {
    case 'required': {
      const field = sub(path, String(p.missingProperty));
      return { path: field, keyword: 'required', message: `${field} is required` };
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const name = String(p.additionalProperty ?? p.unevaluatedProperty);
      const field = sub(path, name);
      return {
        path: field,
        keyword: e.keyword,
        message: `${field} is not a field of this model${path ? ` (not allowed here)` : ''}`,
      };
    }
    case 'enum':
      return {
        path,
        keyword: 'enum',
        message: `${at} must be one of ${(p.allowedValues as unknown[]).map(String).join(', ')}`,
      };
    case 'const':
      return { path, keyword: 'const', message: `${at} must be ${shown(p.allowedValue)}` };
    case 'type':
      return {
        path,
        keyword: 'type',
        message: `${at} must be ${String(p.type)
          .split(',')
          .map((t) => ARTICLE[t] ?? t)
          .join(' or ')}`,
      };
    case 'pattern':
      return {
        path,
        keyword: 'pattern',
        message: `${at} ${shown(e.data)} does not have the expected form (${String(p.pattern)})`,
      };
    case 'format':
      return { path, keyword: 'format', message: `${at} ${shown(e.data)} is not a valid ${String(p.format)}` };
    case 'anyOf': {
      const names = requiredAlternatives(e.schema);
      if (names) return { path, keyword: 'anyOf', message: `${at} needs at least one of ${names.join(', ')}` };
      return { path, keyword: 'anyOf', message: `${at} does not match any of the allowed shapes` };
    }
    case 'oneOf':
      return { path, keyword: 'oneOf', message: `${at} must match exactly one of the allowed shapes` };
    case 'x-code-list':
      return { path, keyword: 'x-code-list', message: `${at}: ${e.message ?? 'code not in its code list'}` };
    default:
      return { path, keyword: e.keyword, message: `${at} ${e.message ?? 'is invalid'}` };
  }
}
