/**
 * The mapping checker: `checkMapping` for the problems panel, the CLI and bundle export;
 * `coverage` for the coverage panel and the review report; `scopeFor` (what a rule can read) for
 * the canvas and the expression editor.
 *
 * @example
 * const diagnostics = checkMapping(doc, { model: getModel('pole', '1.0.0'), samples: { 's-offences': records } });
 * diagnostics.filter((d) => d.severity === 'error') // → must be empty before export
 */
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { MappingDocument } from '../document/types';
import { checkExpression, prepareExpression } from '../expr/index';
import { FUNCTIONS } from '../functions/index';
import type { TargetModel } from '../model/target-model';
import { analyse, type CheckerDeps, type Coverage } from './check';
import { viewOfModel } from './model-view';

export { CHECK, PROJECT } from './codes';
export type { Coverage, CheckerDeps } from './check';
export { lookupValue } from './check';
export {
  scopeFor,
  resolveRuleScope,
  resolveRootScope,
  resolveRef,
  recordFields,
  exprScopeOf,
  loopChain,
  walkPath,
  type RuleScope,
  type ScopeFrame,
  type ResolvedRef,
} from './scope';
export { suggest } from './suggest';
export { viewOfModel, type ModelView } from './model-view';

/** What the checker needs besides the document. */
export interface CheckContext {
  model: TargetModel;
  /** Sample records by source id; enables value-map gap, join and filter checks. */
  samples?: Record<string, unknown[]>;
  /** File the document came from, added to every location. */
  file?: string;
  /** 1-based record numbers of `samples` entries, when unreadable records were left out. */
  recordNumbers?: Record<string, number[]>;
}

const DEPS: CheckerDeps = {
  fn: (name) => (Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined),
  functionNames: () => Object.keys(FUNCTIONS),
  checkExpression,
  prepareExpression: (code, scope) => prepareExpression(code, scope),
};

/**
 * Checks a whole mapping document against its target model (and samples, when given). Returns
 * every problem found, in document order, each with a MW5xxx code (expression problems keep
 * their MW4xxx codes) and a location: `ruleId`, `nodeId`, target or source `field`, a JSON
 * `pointer` into the document, and for expression problems the `line`/`column` inside the
 * expression text. Never throws on a malformed-but-typed document.
 */
export function checkMapping(doc: MappingDocument, context: CheckContext): Diagnostic[] {
  return analyse(doc, { model: viewOfModel(context.model), samples: context.samples, file: context.file, recordNumbers: context.recordNumbers }, DEPS).diagnostics;
}

/**
 * Coverage of a mapping: required target fields mapped per entity rule, source fields no rule
 * reads, and (with samples) supplier codes that no value map covers, with counts.
 */
export function coverage(doc: MappingDocument, model: TargetModel, samples?: Record<string, unknown[]>): Coverage {
  return analyse(doc, { model: viewOfModel(model), samples }, DEPS).coverage;
}
