import type { FieldType } from '../model/field-tree';

/** Parameter of a library function. `type: 'any'` accepts every value. */
export interface FunctionParam {
  name: string;
  type: FieldType;
  /** For `array` parameters: the item type. */
  itemType?: FieldType;
  optional?: boolean;
  /** Takes all remaining arguments (must be last). */
  variadic?: boolean;
  /** The argument must be a literal (e.g. a regex pattern, checked for safety at check time). */
  literal?: 'regex' | 'regexFlags' | 'datePattern';
  /** Largest value a literal number argument may have (checked statically; enforced at run time too). */
  max?: number;
  doc?: string;
}

/** Shape of a returned value, for the type checker and completions. */
export interface FunctionReturn {
  type: FieldType;
  itemType?: FieldType;
  /** Known fields of a returned object (or of array items). */
  fields?: { name: string; type: FieldType; itemType?: FieldType; doc?: string }[];
}

export type FunctionCategory =
  | 'text'
  | 'names'
  | 'dates'
  | 'numbers'
  | 'uk'
  | 'geography'
  | 'identifiers'
  | 'values'
  | 'lists';

/**
 * A documented library function. `impl` is the pure implementation from `impl/`; when `context`
 * is true it receives the run-time context (`{ params }`) as its first argument.
 */
export interface FunctionDef {
  name: string;
  category: FunctionCategory;
  /** One line, shown in completion lists. */
  summary: string;
  /** Markdown: behaviour, empty handling, edge cases. */
  doc: string;
  params: FunctionParam[];
  returns: FunctionReturn;
  /** Each call is run through the evaluator by `examples.test.ts`, so docs cannot drift. */
  examples: { call: string; result: unknown; params?: Record<string, unknown> }[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  impl: (...args: any[]) => unknown;
  context?: boolean;
}
