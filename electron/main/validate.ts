/**
 * Payload validation for every AppApi method, shared by the Electron IPC handlers and the browser
 * host. Requests arrive as `unknown` from a renderer we do not trust to be well-behaved (a bug, a
 * compromised page or a hostile local web page): each one passes a JSON-safety scan and then an
 * ajv schema (closed objects, typed fields, length limits) before any service sees it.
 *
 * The mapping document itself is checked here only for shape (what the storage layer relies on);
 * its full semantics are the checker's job (`mapping.check`).
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { ApiMethodName, ApiRequest } from '../shared/api';

/** Limits, in UTF-16 code units (they bound memory, not characters). */
export const LIMITS = {
  id: 200,
  name: 200,
  description: 10_000,
  message: 2_000,
  path: 4_096,
  url: 2_048,
  /** Sample and schema content: the browser host's body limit is the same figure. */
  content: 64 * 1024 * 1024,
  /** Nesting depth of any JSON payload. */
  depth: 200,
} as const;

export const MAX_BODY_BYTES = LIMITS.content + 1024 * 1024;

/** Keys that could poison prototypes if some consumer ever merged a payload into an object. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type Validation<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Checks that a value is plain JSON data: null, booleans, finite numbers, strings, arrays and plain
 * objects, at most `LIMITS.depth` deep, with no prototype-polluting keys. Returns the first problem
 * as a JSON Pointer-located message, or null.
 */
export function jsonSafetyProblem(value: unknown, maxDepth: number = LIMITS.depth): string | null {
  // Iterative walk: a deeply nested hostile payload must not blow the stack.
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: '', depth: 0 }];
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    if (depth > maxDepth) return `${path || '/'} is nested more than ${maxDepth} levels deep`;
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return `${path || '/'} is not a finite number`;
      continue;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push({ v: v[i], path: `${path}/${i}`, depth: depth + 1 });
      continue;
    }
    if (typeof v === 'object') {
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) return `${path || '/'} is not a plain JSON object`;
      for (const key of Object.keys(v)) {
        if (FORBIDDEN_KEYS.has(key)) return `${path}/${escapePointer(key)} uses the forbidden key "${key}"`;
        stack.push({ v: (v as Record<string, unknown>)[key], path: `${path}/${escapePointer(key)}`, depth: depth + 1 });
      }
      continue;
    }
    return `${path || '/'} is a ${typeof v}, which is not JSON data`;
  }
  return null;
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

// ---------------------------------------------------------------------------------------------
// Schemas. Closed objects everywhere: an unexpected key is a caller bug or a probe, never ignored.

type Schema = Record<string, unknown>;
const obj = (properties: Record<string, Schema>, required: string[] = Object.keys(properties)): Schema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});
const str = (maxLength: number, minLength = 0): Schema => ({ type: 'string', minLength, maxLength });
/** Ids become file names on export (`tests/<id>.json`), so they are restricted to a safe alphabet. */
const id: Schema = { type: 'string', minLength: 1, maxLength: LIMITS.id, pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]*$' };
const name: Schema = { type: 'string', minLength: 1, maxLength: LIMITS.name, pattern: '\\S' };
const revision: Schema = { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER };
const sampleFormat: Schema = { enum: ['csv', 'tsv', 'json', 'ndjson', 'xml'] };
const empty: Schema = obj({});
/** Any JSON value (already scanned by `jsonSafetyProblem`). */
const json: Schema = {};

/** The shape the store relies on; field-level semantics are the checker's. */
const mappingDocument: Schema = {
  type: 'object',
  required: ['format', 'formatVersion', 'id', 'name', 'version', 'namespace', 'sourceSystem', 'sources', 'joins', 'target', 'filters', 'valueMaps', 'root', 'entities', 'links', 'layout'],
  properties: {
    format: { const: 'mapwright.mapping' },
    formatVersion: { const: 1 },
    id: str(LIMITS.id, 1),
    name: str(LIMITS.name),
    version: str(64, 1),
    description: str(LIMITS.description),
    namespace: str(LIMITS.id, 1),
    sourceSystem: str(LIMITS.name),
    sources: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'format', 'primary', 'schema'],
        properties: { id, name: str(LIMITS.name), format: sampleFormat, primary: { type: 'boolean' }, schema: { type: 'object' } },
      },
    },
    joins: { type: 'array', items: { type: 'object' } },
    target: obj({ modelId: str(LIMITS.id, 1), modelVersion: str(64, 1) }),
    filters: { type: 'array', items: { type: 'object' } },
    valueMaps: { type: 'array', items: { type: 'object' } },
    root: { type: 'object', required: ['fields'], properties: { fields: { type: 'array' } } },
    entities: { type: 'array', items: { type: 'object' } },
    links: { type: 'array', items: { type: 'object' } },
    layout: { type: 'object', required: ['nodes', 'comments'], properties: { nodes: { type: 'object' }, comments: { type: 'array' } } },
  },
};

const testCase: Schema = obj(
  {
    id,
    name,
    input: json,
    joined: { type: 'object', additionalProperties: { type: 'array' } },
    expected: {
      oneOf: [
        obj({ output: json }),
        obj({ reject: obj({ code: str(64, 1), ruleId: str(LIMITS.id, 1) }, ['code']) }),
      ],
    },
  },
  ['id', 'name', 'input', 'expected'],
);

// Bundles, reviews and signing keys (electron/main/services/bundles.ts).
const semver: Schema = { type: 'string', minLength: 5, maxLength: 64, pattern: '^\\d+\\.\\d+\\.\\d+' };
/** Passphrases are bounded but otherwise free text; they never leave the host. */
const passphrase: Schema = str(1024, 1);
const base64: Schema = { type: 'string', minLength: 1, maxLength: LIMITS.content, pattern: '^[A-Za-z0-9+/=\\s]*$' };
const verdict: Schema = { enum: ['approve', 'query', 'reject'] };
const BUNDLE_SCHEMAS = {
  'keys.list': empty,
  'keys.create': obj({ name, passphrase }, ['name']),
  'keys.exportPublic': obj({ id }),
  'bundles.preflight': obj({ projectId: id }),
  'bundles.export': obj({ projectId: id, version: semver, notes: str(LIMITS.description), signWith: id, passphrase }, ['projectId', 'version', 'notes']),
  'bundles.saveAs': obj({ exportId: id }),
  'bundles.open': obj({ name, contentBase64: base64 }),
  'bundles.get': obj({ reviewId: id }),
  'bundles.selfTest': obj({ reviewId: id }),
  'bundles.run': obj(
    { reviewId: id, sampleBase64: base64, format: sampleFormat, joined: { type: 'array', maxItems: 20, items: obj({ sourceId: id, sampleBase64: base64, format: sampleFormat }) } },
    ['reviewId', 'sampleBase64', 'format'],
  ),
  'bundles.diff': obj({ reviewId: id, againstReviewId: id }),
  'reviews.save': obj(
    {
      reviewId: id,
      reviewer: name,
      decisions: { type: 'array', maxItems: 10_000, items: obj({ target: str(LIMITS.path, 1), verdict, comment: str(LIMITS.message) }) },
      overall: obj({ verdict, comment: str(LIMITS.description) }),
      signWith: id,
      passphrase,
    },
    ['reviewId', 'reviewer', 'decisions', 'overall'],
  ),
  'reviews.export': obj({ reviewId: id }),
  'reviews.signBundle': obj({ reviewId: id, signWith: id, passphrase }, ['reviewId', 'signWith']),
} satisfies Partial<Record<ApiMethodName, Schema>>;

/** One schema per method; the mapped type makes a missing method a compile error. */
export const REQUEST_SCHEMAS: { [M in ApiMethodName]: Schema } = {
  'app.info': empty,
  'app.openExternal': obj({ url: str(LIMITS.url, 1) }),
  'projects.list': empty,
  'projects.create': obj({ name, description: str(LIMITS.description) }, ['name']),
  'projects.get': obj({ id }),
  'projects.rename': obj({ id, name }),
  'projects.delete': obj({ id }),
  'projects.open': obj({ id }),
  'projects.recent': obj({ limit: { type: 'integer', minimum: 1, maximum: 100 } }, []),
  'projects.exportFolder': obj({ id, dir: str(LIMITS.path, 1) }),
  'projects.importFolder': obj({ dir: str(LIMITS.path, 1) }),
  'mapping.get': obj({ projectId: id, revision }, ['projectId']),
  'mapping.save': obj(
    { projectId: id, document: mappingDocument, baseRevision: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER }, message: str(LIMITS.message) },
    ['projectId', 'document', 'baseRevision'],
  ),
  'mapping.revisions': obj({ projectId: id }),
  'mapping.restore': obj({ projectId: id, revision }),
  'mapping.check': obj({ document: mappingDocument }),
  'schemas.infer': obj(
    {
      name,
      format: { enum: ['csv', 'tsv', 'json', 'ndjson', 'xml', 'xsd', 'jsonschema'] },
      content: str(LIMITS.content),
      recordPath: str(LIMITS.path, 1),
    },
    ['name', 'format', 'content'],
  ),
  'models.list': empty,
  'models.get': obj({ id: str(LIMITS.id, 1), version: str(64, 1) }, ['id']),
  'samples.list': obj({ projectId: id }),
  'samples.add': obj({ projectId: id, sourceId: id, name, format: sampleFormat, content: str(LIMITS.content) }),
  'samples.get': obj({ id }),
  'samples.delete': obj({ id }),
  'samples.update': obj({ id, content: str(LIMITS.content), format: sampleFormat }, ['id', 'content']),
  'imports.start': obj(
    {
      importId: id,
      projectId: id,
      kind: { enum: ['sample', 'schema'] },
      sourceId: id,
      name,
      format: { enum: ['csv', 'tsv', 'json', 'ndjson', 'xml', 'xsd', 'jsonschema'] },
      content: str(LIMITS.content),
      recordPath: str(LIMITS.path, 1),
    },
    ['importId', 'projectId', 'kind', 'sourceId', 'name', 'format', 'content'],
  ),
  'imports.cancel': obj({ importId: id }),
  'tests.list': obj({ projectId: id }),
  'tests.save': obj({ projectId: id, test: testCase }),
  'tests.delete': obj({ projectId: id, id }),
  'tests.run': obj({ projectId: id }),
  'preview.run': obj(
    {
      document: mappingDocument,
      sampleId: id,
      limit: { type: 'integer', minimum: 1, maximum: 100_000 },
      focus: { type: 'integer', minimum: 1, maximum: 100_000 },
      pageSize: { type: 'integer', minimum: 1, maximum: 1_000 },
    },
    ['document', 'sampleId'],
  ),
  'preview.summary': obj({ runId: id }),
  'preview.record': obj(
    { document: mappingDocument, sampleId: id, record: { type: 'integer', minimum: 1, maximum: 100_000 }, limit: { type: 'integer', minimum: 1, maximum: 100_000 } },
    ['document', 'sampleId', 'record'],
  ),
  ...BUNDLE_SCHEMAS,
};

/**
 * ajv configured for host payloads. `unicode: false` makes length limits count UTF-16 units: that is
 * what bounds memory, and it is O(1) where counting code points walks a 64 MB sample on every call.
 * ajv marks the option deprecated but still honours it; only that one notice is silenced.
 */
export function createAjv(): Ajv {
  return new Ajv({
    allErrors: false,
    strict: true,
    unicode: false,
    logger: {
      // stdout is reserved for the browser host's ready line.
      log: (...a: unknown[]) => console.error(...a),
      warn: (...a: unknown[]) => {
        if (!String(a[0]).startsWith('DEPRECATED: option unicode')) console.warn(...a);
      },
      error: (...a: unknown[]) => console.error(...a),
    },
  });
}

const ajv = createAjv();
const compiled = new Map<ApiMethodName, ValidateFunction>();

function validatorFor(method: ApiMethodName): ValidateFunction {
  let v = compiled.get(method);
  if (!v) {
    v = ajv.compile(REQUEST_SCHEMAS[method]);
    compiled.set(method, v);
  }
  return v;
}

/** Is `name` one of the contract's methods? (Own-property check: `toString` is not a method.) */
export function isApiMethod(name: string): name is ApiMethodName {
  return Object.prototype.hasOwnProperty.call(REQUEST_SCHEMAS, name);
}

/**
 * Validates a request payload for `method`. `undefined` stands for `{}` (methods without
 * parameters may be called with no body).
 * @example validateRequest('projects.get', { id: 'p1' }) // { ok: true, value: { id: 'p1' } }
 */
export function validateRequest<M extends ApiMethodName>(method: M, payload: unknown): Validation<ApiRequest<M>> {
  const value = payload === undefined ? {} : payload;
  const unsafe = jsonSafetyProblem(value);
  if (unsafe) return { ok: false, message: `Invalid request for ${method}: ${unsafe}.` };
  const validate = validatorFor(method);
  if (validate(value)) return { ok: true, value: value as ApiRequest<M> };
  return { ok: false, message: `Invalid request for ${method}: ${describe(validate.errors?.[0])}.` };
}

function describe(e: ErrorObject | undefined): string {
  if (!e) return 'it does not match the expected shape';
  const where = e.instancePath || '/';
  if (e.keyword === 'additionalProperties') return `${where} has an unexpected property "${String(e.params.additionalProperty)}"`;
  if (e.keyword === 'pattern' && e.params.pattern === '\\S') return `${where} must not be blank`;
  return `${where} ${e.message ?? 'is invalid'}`;
}
