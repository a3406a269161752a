/**
 * Language services for the expression editor (Monaco on the canvas), kept free of any editor
 * import: offsets are 0-based string offsets, ranges 1-based line/column. Diagnostics are
 * `checkExpression`'s.
 */
import type * as acorn from 'acorn';
import type { FieldNode } from '../model/field-tree';
import { FUNCTIONS } from '../functions/registry';
import type { FunctionDef } from '../functions/types';
import { analyse, fieldType, positionAt, typeLabel } from './analyse';
import type { CompletionItem, ExprRange, ExprScope, ExprType, HoverResult, SignatureHelpResult } from './types';

const IDENT_CHAR = /[A-Za-z0-9_$]/;
const PLAIN_IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const KEYWORDS = ['true', 'false', 'null', 'undefined', 'typeof'];

function range(code: string, start: number, end: number): ExprRange {
  const s = positionAt(code, start);
  const e = positionAt(code, end);
  return { startLine: s.line, startColumn: s.column, endLine: e.line, endColumn: e.column };
}

/** For each offset, whether it is inside a string or template literal (approximate: templates are one string). */
function inString(code: string, offset: number): boolean {
  let quote: string | undefined;
  for (let i = 0; i < offset && i < code.length; i++) {
    const c = code[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
  }
  return quote !== undefined;
}

/** `string, integer?` style signature of a function. */
export function signatureOf(def: FunctionDef): string {
  const params = def.params.map((p) => `${p.variadic ? '...' : ''}${p.name}${p.optional ? '?' : ''}: ${p.type}`);
  return `${def.name}(${params.join(', ')}): ${def.returns.type}`;
}

function functionMarkdown(def: FunctionDef): string {
  const examples = def.examples.map((e) => `- \`${e.call}\` → \`${JSON.stringify(e.result)}\``).join('\n');
  return `\`\`\`\n${signatureOf(def)}\n\`\`\`\n\n${def.summary}\n\n${def.doc}${examples ? `\n\n**Examples**\n${examples}` : ''}`;
}

function fieldMarkdown(f: FieldNode, scope: string): string {
  const t = typeLabel(fieldType(f));
  const lines = [`**${f.name}** — ${t}${f.cardinality === 'optional' ? ', optional' : ''}`, '', `\`${scope ? `${scope}: ` : ''}${f.path}\``];
  if (f.format || f.pattern) lines.push('', `Format: ${[f.format, f.pattern].filter(Boolean).join(', ')}`);
  if (f.codeList) lines.push('', `Code list: ${f.codeList}`);
  if (f.dataProtection && f.dataProtection !== 'none') lines.push('', `Data protection: ${f.dataProtection}`);
  if (f.doc) lines.push('', f.doc);
  if (f.examples?.length) lines.push('', `Examples: ${f.examples.slice(0, 5).map((e) => `\`${JSON.stringify(e)}\``).join(', ')}`);
  return lines.join('\n');
}

function fieldItem(f: FieldNode, replaceRange: ExprRange, insertText: string): CompletionItem {
  return { label: f.name, kind: 'field', detail: typeLabel(fieldType(f)), documentation: fieldMarkdown(f, ''), insertText, replaceRange };
}

const POSTFIX = new Set(['Identifier', 'MemberExpression', 'CallExpression', 'ChainExpression', 'ParenthesizedExpression']);

/** The static type of the expression just before a `.` at `dot`, found as the longest postfix expression ending there. */
function typeBefore(code: string, dot: number, scope: ExprScope): ExprType | undefined {
  let best: ExprType | undefined;
  const end = code[dot - 1] === '?' ? dot - 1 : dot;
  for (let start = end - 1; start >= Math.max(0, end - 300); start--) {
    if (start > 0 && IDENT_CHAR.test(code[start - 1]) && IDENT_CHAR.test(code[start])) continue;
    const text = code.slice(start, end);
    if (!text.trim()) continue;
    const a = analyse(text, scope);
    if (!a.ast || a.diagnostics.some((d) => d.code === 'MW4001' || d.code === 'MW4005')) continue;
    if (POSTFIX.has(a.ast.type)) best = a.type;
  }
  return best;
}

/**
 * Completion items at `offset`: after `.` the fields of an object-typed path (or `length` of text
 * and lists); elsewhere scope variables, fields, library functions (with signatures) and keywords.
 */
export function completions(code: string, offset: number, scope: ExprScope): CompletionItem[] {
  if (inString(code, offset)) return [];
  let start = offset;
  while (start > 0 && IDENT_CHAR.test(code[start - 1])) start--;
  let end = offset;
  while (end < code.length && IDENT_CHAR.test(code[end])) end++;
  const prefix = code.slice(start, offset).toLowerCase();
  const replaceRange = range(code, start, end);
  const matches = (label: string) => !prefix || label.toLowerCase().startsWith(prefix);
  if (code[start - 1] === '.' && !/\d/.test(code[start - 2] ?? '')) {
    const t = typeBefore(code, start - 1, scope);
    if (!t) return [];
    const objType = t;
    const items: CompletionItem[] = [];
    if (objType.type === 'object' && objType.fields) {
      const dotStart = code[start - 2] === '?' ? start - 2 : start - 1;
      for (const f of objType.fields) {
        if (!matches(f.name)) continue;
        if (PLAIN_IDENT.test(f.name)) items.push(fieldItem(f, replaceRange, f.name));
        else items.push(fieldItem(f, range(code, dotStart, end), `${code[dotStart] === '?' ? '?.' : ''}[${JSON.stringify(f.name)}]`));
      }
    } else if (['array', 'string', 'date', 'datetime', 'time'].includes(objType.type) && matches('length')) {
      items.push({ label: 'length', kind: 'field', detail: 'a whole number', documentation: 'Number of characters or items.', insertText: 'length', replaceRange });
    }
    return items;
  }
  const items: CompletionItem[] = [];
  const vars: [string, { type: ExprType; doc?: string }][] = [['$', { type: { type: 'object', fields: scope.fields }, doc: 'The current scope object; `$["Field name"]` reads fields whose names are not identifiers.' }]];
  for (const [name, v] of Object.entries(scope.variables ?? {})) {
    vars.push([name, { type: { type: v.many ? 'array' : v.type }, ...(v.doc ? { doc: v.doc } : {}) }]);
  }
  for (const [name, v] of vars) {
    if (matches(name)) items.push({ label: name, kind: 'variable', detail: typeLabel(v.type), documentation: v.doc ?? '', insertText: name, replaceRange });
  }
  for (const f of scope.fields) {
    if (!matches(f.name)) continue;
    items.push(fieldItem(f, replaceRange, PLAIN_IDENT.test(f.name) ? f.name : `$[${JSON.stringify(f.name)}]`));
  }
  for (const def of Object.values(FUNCTIONS)) {
    if (!matches(def.name)) continue;
    items.push({ label: def.name, kind: 'function', detail: signatureOf(def), documentation: functionMarkdown(def), insertText: `${def.name}(`, replaceRange });
  }
  for (const k of KEYWORDS) if (matches(k)) items.push({ label: k, kind: 'keyword', detail: 'keyword', documentation: '', insertText: k, replaceRange });
  return items;
}

/** Innermost nodes containing `offset`, outermost first. */
function pathAt(ast: acorn.Node, offset: number): acorn.Node[] {
  const path: acorn.Node[] = [];
  let node: acorn.Node | undefined = ast;
  while (node) {
    path.push(node);
    let next: acorn.Node | undefined;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'loc') continue;
      const kids = Array.isArray(v) ? v : [v];
      for (const c of kids) {
        if (c && typeof c === 'object' && typeof (c as acorn.Node).type === 'string' && (c as acorn.Node).start <= offset && offset < (c as acorn.Node).end) next = c as acorn.Node;
      }
    }
    node = next;
  }
  return path;
}

/** Hover text at `offset`: function docs with examples, or a field's type and documentation. */
export function hover(code: string, offset: number, scope: ExprScope): HoverResult | null {
  const a = analyse(code, scope);
  if (!a.ast) return null;
  const path = pathAt(a.ast, offset);
  for (let i = path.length - 1; i >= 0; i--) {
    const node = path[i];
    const parent = path[i - 1];
    if (node.type === 'Identifier') {
      const name = (node as acorn.Identifier).name;
      if (parent?.type === 'CallExpression' && (parent as acorn.CallExpression).callee === node && Object.prototype.hasOwnProperty.call(FUNCTIONS, name)) {
        return { markdown: functionMarkdown(FUNCTIONS[name]), range: range(code, node.start, node.end) };
      }
      const field = a.fields.get(node) ?? (parent?.type === 'MemberExpression' && (parent as acorn.MemberExpression).property === node ? a.fields.get(parent) : undefined);
      if (field) return { markdown: fieldMarkdown(field.field, field.scope), range: range(code, node.start, node.end) };
      const r = a.resolved.get(node);
      if (r?.kind === 'variable' || r?.kind === 'self') {
        const v = r.kind === 'self' ? undefined : scope.variables?.[r.name];
        const t = a.types.get(node);
        return { markdown: `**${name}** — ${t ? typeLabel(t) : 'variable'}${v?.doc ? `\n\n${v.doc}` : r.kind === 'self' ? '\n\nThe current scope object.' : ''}`, range: range(code, node.start, node.end) };
      }
    }
    if (node.type === 'Literal' && parent?.type === 'MemberExpression') {
      const field = a.fields.get(parent);
      if (field) return { markdown: fieldMarkdown(field.field, field.scope), range: range(code, node.start, node.end) };
    }
  }
  return null;
}

/** Signature help inside a library call's parentheses, with the active parameter. */
export function signatureHelp(code: string, offset: number, _scope: ExprScope): SignatureHelpResult | null {
  if (inString(code, offset)) return null;
  // Walk backwards to the unclosed '(' that encloses the offset, counting top-level commas.
  let depth = 0;
  let commas = 0;
  let quote: string | undefined;
  for (let i = offset - 1; i >= 0; i--) {
    const c = code[i];
    if (quote) {
      if (c === quote && code[i - 1] !== '\\') quote = undefined;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '[' || c === '{') {
      if (depth === 0) return null;
      depth--;
    } else if (c === '(') {
      if (depth > 0) {
        depth--;
        continue;
      }
      let j = i;
      while (j > 0 && /\s/.test(code[j - 1])) j--;
      let k = j;
      while (k > 0 && IDENT_CHAR.test(code[k - 1])) k--;
      const name = code.slice(k, j);
      if (!Object.prototype.hasOwnProperty.call(FUNCTIONS, name) || code[k - 1] === '.') return null;
      const def = FUNCTIONS[name];
      const variadic = def.params.length > 0 && def.params[def.params.length - 1].variadic === true;
      const active = Math.min(commas, def.params.length - 1);
      if (!variadic && commas >= def.params.length) return null;
      return {
        label: signatureOf(def),
        documentation: `${def.summary}\n\n${def.doc}`,
        parameters: def.params.map((p) => ({ label: `${p.variadic ? '...' : ''}${p.name}${p.optional ? '?' : ''}: ${p.type}`, ...(p.doc ? { documentation: p.doc } : {}) })),
        activeParameter: Math.max(0, active),
      };
    } else if (c === ',' && depth === 0) commas++;
  }
  return null;
}
