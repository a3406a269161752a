/**
 * Edits to the mapping document as commands with invertible deltas.
 *
 * Every change the workbench makes (canvas, inspector, code view) is a {@link Command}: a list of
 * primitive operations on paths into the document. Applying a command returns the new document and
 * the exact inverse command, so undo/redo is just "apply the inverse" — no snapshots, and the
 * document is never rebuilt from the graph. Updates are immutable with structural sharing so React
 * selectors only re-render what changed.
 *
 * Hand-written rather than using a JSON-Patch library: we need the inverse of each operation
 * computed against the document it was applied to, which JSON-Patch libraries don't produce.
 */
import type { MappingDocument, ValueNode } from '../../../../mappings/document/types';

export type Key = string | number;
export type DocPath = readonly Key[];

export type Op =
  /** Sets a property or array element; `value: undefined` deletes the property. */
  | { op: 'set'; path: DocPath; value: unknown }
  /** Inserts into the array at `path` before `index` (`index === length` appends). */
  | { op: 'insert'; path: DocPath; index: number; value: unknown }
  /** Removes the element at `index` from the array at `path`. */
  | { op: 'remove'; path: DocPath; index: number };

export interface Command {
  /** Shown in undo/redo menus and the status line, e.g. "Map surname → Person.names[0].family". */
  label: string;
  ops: Op[];
  /** Layout-only commands never change what the mapping does (drops after a drag, collapse). */
  layoutOnly?: boolean;
  /**
   * Session-only draft nodes to set (`null` removes): nodes placed from the palette that are not
   * wired to a target yet. The store applies these and records their inverse beside the document's.
   */
  drafts?: Record<string, DraftNode | null>;
}

/** A value node on the canvas that no rule uses yet; its field references hold absolute paths. */
export interface DraftNode {
  node: ValueNode;
  x: number;
  y: number;
}

/** Thrown when a command does not fit the document (a bug in the edit that built it). */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

function describe(path: DocPath): string {
  return '/' + path.map(String).join('/');
}

/** Reads the value at a path, or undefined when any step is missing. */
export function getAt(root: unknown, path: DocPath): unknown {
  let cur: unknown = root;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<Key, unknown>)[k];
  }
  return cur;
}

function isContainer(v: unknown): v is Record<Key, unknown> | unknown[] {
  return v !== null && typeof v === 'object';
}

/** Returns a copy of `node` with `update` applied to the child at `path` (copying each level). */
function updateIn(node: unknown, path: DocPath, depth: number, update: (v: unknown) => unknown): unknown {
  if (depth === path.length) return update(node);
  if (!isContainer(node)) throw new CommandError(`No container at ${describe(path.slice(0, depth))}`);
  const key = path[depth];
  if (Array.isArray(node) && (typeof key !== 'number' || key < 0 || key >= node.length)) {
    throw new CommandError(`Index ${String(key)} out of range at ${describe(path.slice(0, depth))}`);
  }
  const child = (node as Record<Key, unknown>)[key];
  const next = updateIn(child, path, depth + 1, update);
  if (Array.isArray(node)) {
    const copy = node.slice();
    copy[key as number] = next;
    return copy;
  }
  return { ...node, [key]: next };
}

function applyOp(doc: unknown, op: Op): { doc: unknown; inverse: Op } {
  if (op.op === 'set') {
    if (op.path.length === 0) throw new CommandError('Cannot replace the whole document with set');
    const parentPath = op.path.slice(0, -1);
    const key = op.path[op.path.length - 1];
    let old: unknown;
    const next = updateIn(doc, parentPath, 0, (parent) => {
      if (Array.isArray(parent)) {
        if (typeof key !== 'number' || key < 0 || key >= parent.length) {
          throw new CommandError(`Index ${String(key)} out of range at ${describe(parentPath)}`);
        }
        if (op.value === undefined) throw new CommandError(`Cannot delete array element with set at ${describe(op.path)}`);
        old = parent[key];
        const copy = parent.slice();
        copy[key] = op.value;
        return copy;
      }
      if (!isContainer(parent)) throw new CommandError(`No object at ${describe(parentPath)}`);
      const obj = parent as Record<Key, unknown>;
      old = Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
      if (op.value === undefined) {
        const copy = { ...obj };
        delete copy[key];
        return copy;
      }
      return { ...obj, [key]: op.value };
    });
    return { doc: next, inverse: { op: 'set', path: op.path, value: old } };
  }
  if (op.op === 'insert') {
    const next = updateIn(doc, op.path, 0, (arr) => {
      if (!Array.isArray(arr)) throw new CommandError(`No array at ${describe(op.path)}`);
      if (op.index < 0 || op.index > arr.length) throw new CommandError(`Insert index ${op.index} out of range at ${describe(op.path)}`);
      const copy = arr.slice();
      copy.splice(op.index, 0, op.value);
      return copy;
    });
    return { doc: next, inverse: { op: 'remove', path: op.path, index: op.index } };
  }
  let removed: unknown;
  const next = updateIn(doc, op.path, 0, (arr) => {
    if (!Array.isArray(arr)) throw new CommandError(`No array at ${describe(op.path)}`);
    if (op.index < 0 || op.index >= arr.length) throw new CommandError(`Remove index ${op.index} out of range at ${describe(op.path)}`);
    removed = arr[op.index];
    const copy = arr.slice();
    copy.splice(op.index, 1);
    return copy;
  });
  return { doc: next, inverse: { op: 'insert', path: op.path, index: op.index, value: removed } };
}

/**
 * Applies a command and returns the new document plus the command that undoes it.
 * All-or-nothing: if any operation does not fit, a {@link CommandError} is thrown and the input
 * document (never mutated) is still valid.
 *
 * @example
 * const { doc: next, inverse } = applyCommand(doc, { label: 'Rename', ops: [{ op: 'set', path: ['name'], value: 'B' }] });
 * applyCommand(next, inverse).doc // deep-equals doc
 */
export function applyCommand(doc: MappingDocument, cmd: Command): { doc: MappingDocument; inverse: Command } {
  let cur: unknown = doc;
  const inverses: Op[] = [];
  for (const op of cmd.ops) {
    const r = applyOp(cur, op);
    cur = r.doc;
    inverses.push(r.inverse);
  }
  inverses.reverse();
  return {
    doc: cur as MappingDocument,
    inverse: { label: cmd.label, ops: inverses, ...(cmd.layoutOnly ? { layoutOnly: true } : {}) },
  };
}

/** One command that replaces the whole semantic content, used by the code view (text → doc). */
export function replaceDocumentCommand(current: MappingDocument, next: MappingDocument, label: string): Command {
  const keys = new Set([...Object.keys(current), ...Object.keys(next)]);
  const ops: Op[] = [];
  for (const k of keys) {
    const a = (current as unknown as Record<string, unknown>)[k];
    const b = (next as unknown as Record<string, unknown>)[k];
    if (JSON.stringify(a) !== JSON.stringify(b)) ops.push({ op: 'set', path: [k], value: b });
  }
  return { label, ops };
}
