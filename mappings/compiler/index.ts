/**
 * Mapping document → plain JavaScript transform (`compileMapping`, `loadCompiled`), and the
 * reference interpreter with identical semantics (`evaluateMapping`, `createInterpreter`).
 * See docs/mapping-format.md for the semantics and the compiled module's shape.
 */
export {
  compileMapping,
  loadCompiled,
  libraryFunctions,
  type CompileOptions,
  type CompileResult,
  type CompiledMeta,
  type CompiledTransform,
  type TransformContext,
  type TransformReject,
  type TransformResult,
} from './compile';
export { evaluateMapping, createInterpreter, type Interpreter } from './interpret';
export { targetSegs, sourceSegs } from './plan';
