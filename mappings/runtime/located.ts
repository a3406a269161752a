/**
 * Where a failure happened, carried from a rule's function of a compiled transform to the
 * transform's single catch. Each entity or link rule compiles to its own function (so the editor can
 * keep unchanged rules' code warm, see compiler/warm-load.ts), and each function numbers its own
 * locations; the one that fails wraps the error with its location and the transform turns it into
 * the reject.
 */
import { errorReject } from './helpers';

/** The rule, value node and target field a location table entry names. */
export interface CodeLocation {
  ruleId?: string;
  nodeId?: string;
  field?: string;
}

class Located {
  constructor(
    readonly cause: unknown,
    readonly at: CodeLocation | undefined,
  ) {}
}

/** Wraps an error thrown inside a rule's function with the location it was thrown at (the innermost wins). */
export function locate(e: unknown, at: CodeLocation | undefined): unknown {
  return e instanceof Located ? e : new Located(e, at);
}

/**
 * The reject for an error caught by a transform: the error's code and message, then the rule, node
 * and field of the innermost location (`at` is the transform's own, for errors outside any rule).
 */
export function rejectAt(e: unknown, at: CodeLocation | undefined): { code: string; message: string; field?: string; ruleId?: string; nodeId?: string } {
  if (e instanceof Located) {
    at = e.at;
    e = e.cause;
  }
  const r: { code: string; message: string; field?: string; ruleId?: string; nodeId?: string } = errorReject(e);
  if (at !== undefined) {
    if (at.ruleId !== undefined) r.ruleId = at.ruleId;
    if (at.nodeId !== undefined) r.nodeId = at.nodeId;
    if (r.field === undefined && at.field !== undefined) r.field = at.field;
  }
  return r;
}
