/**
 * Entry point of a bundle's `engine.mjs`: the pinned runtime every bundle carries — the engine
 * object compiled transforms import, the streaming file runner (readers included), the target-model
 * validator (ajv bundled) and the test-case runner. esbuild bundles it into one ES module whose
 * only imports are `node:` built-ins (see scripts/build-engine.mjs).
 */
export { ENGINE } from '../runtime/engine';
export { runMappingFiles, RunSetupError } from '../runtime/run.node.js';
export { createValidator } from '../model/validator';
export { runTestCase } from '../checker/run-tests';
export { formatJsonDiff } from '../checker/json-diff';
/** Bumped when the engine's contract with transforms changes (transforms' `meta.engine`). */
export const ENGINE_API = 1;
