/**
 * Mapping document → plain JavaScript transform (`compileMapping`, `loadCompiled`), and the
 * reference interpreter with identical semantics (`evaluateMapping`, `createInterpreter`).
 * See docs/mapping-format.md for the semantics and the compiled module's shape.
 */
export {
  assembleModule,
  compileMapping,
  loadCompiled,
  libraryFunctions,
  type CompileOptions,
  type CompileResult,
  type CompiledParts,
  type CompiledUnit,
  type CompiledMeta,
  type CompiledTransform,
  type TransformContext,
  type TransformReject,
  type TransformResult,
} from './compile';
export { createWarmLoader, type WarmLoader } from './warm-load';
export { evaluateMapping, createInterpreter, type Interpreter, type Tracer } from './interpret';
export { traceRecord, locateError, TRACE_KEEP, type RecordTrace, type TracedValues, type ErrorSource } from './trace';
export { targetSegs, sourceSegs } from './plan';
