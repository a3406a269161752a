/**
 * Target models: the public API other modules call.
 *
 * - `listModels()`, `getModel(id, version?)` — the built-in models (POLE v1).
 * - `loadTargetModel(schema, options)` — any JSON Schema as a target (flat when it has no `x-mapwright`).
 * - `createValidator(model)` — ajv validator with human messages; `checkReferentialIntegrity(doc)`.
 * - `codeLabel`, `codeEntry`, `lookupCrosswalk`, `entityDef` — code-list and model lookups.
 * - `jsonSchemaToFieldTree(text, options)`, `schemaFields(schema, pointer)` — JSON Schema → field tree.
 * - `diffModels(old, new)` — what changed between two model versions.
 */
export * from './field-tree';
export { MODEL } from './codes';
export { listModels, getModel, builtInModelDiagnostics, type ModelSummary } from './registry';
export {
  loadTargetModel,
  codeLabel,
  codeEntry,
  lookupCrosswalk,
  entityDef,
  type TargetModel,
  type EntityDef,
  type LinkDef,
  type LoadTargetModelOptions,
} from './target-model';
export {
  validateCodeLists,
  isCodeActive,
  type CodeList,
  type CodeListEntry,
  type Crosswalk,
  type CrosswalkEntry,
  type CrosswalkQuality,
  type Citation,
} from './code-lists';
export {
  createValidator,
  humaniseErrors,
  type DocumentValidator,
  type ValidationError,
  type ValidationResult,
  type ValidatorOptions,
} from './validator';
export { checkReferentialIntegrity } from './integrity';
export { diffModels, type ModelDiff, type FieldChange, type CodeListChange, type FieldShape } from './diff';
export {
  jsonSchemaToFieldTree,
  schemaFields,
  resolveRootPointer,
  detectDialect,
  describeCondition,
  getPointer,
  type SchemaDialect,
  type SchemaFieldsOptions,
} from './json-schema-tree';
export { parseJsonWithPositions, JsonSyntaxError, type ParsedJson } from './json-position';
