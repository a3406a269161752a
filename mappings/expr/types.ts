/**
 * Public types of the expression language (see `index.ts` for the overview and the functions).
 */
import type * as acorn from 'acorn';
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { FieldNode, FieldType } from '../model/field-tree';

/**
 * The static type of an expression. Objects carry their known fields as `FieldNode`s (the same
 * shape the field tree uses, so completions and hovers treat source fields and function results
 * alike); arrays carry their item type. `any` means "not known statically".
 * `date`, `datetime` and `time` are ISO-8601 strings at run time.
 */
export interface ExprType {
  type: FieldType;
  /** For `array`: the item type. */
  item?: ExprType;
  /** For `object`: the known fields (absent = any fields). */
  fields?: readonly FieldNode[];
}

/** A named value visible in an expression: a loop variable (`person`), `$record`, `$index`… */
export interface ExprVariable {
  type: FieldType;
  /** For objects (and arrays of objects): the fields. */
  fields?: FieldNode[];
  /** An array of `type` (e.g. a collection path); for `type: 'array'` use `itemType` instead. */
  many?: boolean;
  /** For `type: 'array'`: the item type. */
  itemType?: FieldType;
  doc?: string;
}

/**
 * What an expression can see. `fields` are the innermost scope's fields and are visible as bare
 * identifiers (`dateOfBirth`); the innermost scope object itself is always visible as `$`, so
 * fields whose names are not identifiers are read as `$["Crime ID"]`. `variables` are further
 * names (loop variables, `$record`, `$index`, …) chosen by the caller; names starting with `$`
 * are conventional for built-ins.
 */
export interface ExprScope {
  fields: readonly FieldNode[];
  variables?: Record<string, ExprVariable>;
}

/** A field an expression reads: `path` is the field tree's stable `FieldNode.path`; `scope` is `''` (innermost) or a variable name. */
export interface FieldRefUse {
  path: string;
  scope: string;
}

export interface CheckResult {
  /** The expression's static type (`any` when it did not check). */
  type: ExprType;
  diagnostics: Diagnostic[];
  /** The parsed tree, when it parsed (present even with type errors). */
  ast?: acorn.Expression;
  fieldRefs: FieldRefUse[];
  /** Library function names called, sorted, unique. */
  functionsUsed: string[];
}

export interface CompileOptions {
  /**
   * Maps scope names to JavaScript identifiers of the generated code: `''` → the innermost scope
   * object (required when the expression reads bare fields or `$`), and one entry per variable the
   * expression uses (e.g. `{ '': 's2', person: 's2', $record: 'rec' }`).
   */
  bindings: Record<string, string>;
  /** Identifier of the function implementations object (`FUNCTION_IMPLS`). Default `$fn`. */
  fn?: string;
  /** Identifier of the runtime helpers object (`EXPR_RUNTIME`). Default `$rt`. */
  rt?: string;
  /** Identifier of the run-time context (`{ params }`), passed to context functions. Default `$ctx`. */
  ctx?: string;
}

export interface CompileResult {
  /** A JavaScript expression (no statements), or `undefined` when the expression has errors. */
  js?: string;
  type: ExprType;
  fieldRefs: FieldRefUse[];
  functionsUsed: string[];
  diagnostics: Diagnostic[];
}

/** Run-time values of the scopes: `''` → innermost scope object, plus one entry per variable. */
export interface ExprValues {
  scopes: Record<string, unknown>;
}

/** Run-time context handed to context functions (e.g. `pseudonymise` reads `params.hmacKey`). */
export interface ExprContext {
  params?: Record<string, unknown>;
}

/** A completion item (Monaco-independent). Ranges are 1-based line/column in the expression. */
export interface ExprRange {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface CompletionItem {
  label: string;
  kind: 'field' | 'function' | 'variable' | 'keyword';
  detail: string;
  documentation: string;
  insertText: string;
  replaceRange: ExprRange;
}

export interface HoverResult {
  markdown: string;
  range: ExprRange;
}

export interface SignatureHelpResult {
  label: string;
  documentation: string;
  parameters: { label: string; documentation?: string }[];
  activeParameter: number;
}
