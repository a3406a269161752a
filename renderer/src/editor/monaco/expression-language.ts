/**
 * The expression language in Monaco: completions, hover docs, signature help and diagnostics as
 * markers, all from the engine's pure language services (mappings/expr). Each editor model is
 * registered with the scope it is evaluated in (fields of its rule's loop, loop variables).
 */
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { checkExpression, completions, hover, signatureHelp, type ExprRange, type ExprScope } from '../../../../mappings/expr';

export const EXPR_LANGUAGE = 'mapwright-expr';

type MonacoApi = typeof Monaco;

const scopes = new Map<string, ExprScope>();

/** Tells the language services which scope a model's expression is checked against. */
export function setModelScope(model: Monaco.editor.ITextModel, scope: ExprScope): void {
  scopes.set(model.uri.toString(), scope);
}

export function forgetModel(model: Monaco.editor.ITextModel): void {
  scopes.delete(model.uri.toString());
}

const toRange = (r: ExprRange) => ({ startLineNumber: r.startLine, startColumn: r.startColumn, endLineNumber: r.endLine, endColumn: r.endColumn });

/** Checks a model's text and shows the problems as markers. */
export function validateModel(monaco: MonacoApi, model: Monaco.editor.ITextModel): number {
  const scope = scopes.get(model.uri.toString()) ?? { fields: [] };
  const { diagnostics } = checkExpression(model.getValue(), scope);
  monaco.editor.setModelMarkers(
    model,
    EXPR_LANGUAGE,
    diagnostics.map((d) => ({
      severity: d.severity === 'error' ? monaco.MarkerSeverity.Error : d.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Info,
      message: d.hint ? `${d.message}\n${d.hint}` : d.message,
      code: d.code,
      startLineNumber: d.location.line ?? 1,
      startColumn: d.location.column ?? 1,
      endLineNumber: d.location.endLine ?? d.location.line ?? 1,
      endColumn: d.location.endColumn ?? (d.location.column ?? 1) + 1,
    })),
  );
  return diagnostics.filter((d) => d.severity === 'error').length;
}

let registered = false;

/** Registers the language and its providers once per page. */
export function registerExpressionLanguage(monaco: MonacoApi): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: EXPR_LANGUAGE });
  monaco.languages.setMonarchTokensProvider(EXPR_LANGUAGE, {
    tokenizer: {
      root: [
        [/"([^"\\]|\\.)*"|'([^'\\]|\\.)*'/, 'string'],
        [/`([^`\\]|\\.)*`/, 'string'],
        [/\d+(\.\d+)?/, 'number'],
        [/\b(true|false|null)\b/, 'keyword'],
        [/[A-Za-z_$][\w$]*(?=\s*\()/, 'type.identifier'],
        [/[A-Za-z_$][\w$]*/, 'identifier'],
        [/[=!<>]=?=?|&&|\|\||\?\?|[+\-*/%?:]/, 'operator'],
      ],
    },
  });
  monaco.languages.setLanguageConfiguration(EXPR_LANGUAGE, {
    brackets: [
      ['(', ')'],
      ['[', ']'],
      ['{', '}'],
    ],
    autoClosingPairs: [
      { open: '(', close: ')' },
      { open: '[', close: ']' },
      { open: '{', close: '}' },
      { open: '"', close: '"' },
      { open: "'", close: "'" },
    ],
  });
  const kinds = {
    field: monaco.languages.CompletionItemKind.Field,
    function: monaco.languages.CompletionItemKind.Function,
    variable: monaco.languages.CompletionItemKind.Variable,
    keyword: monaco.languages.CompletionItemKind.Keyword,
  } as const;
  monaco.languages.registerCompletionItemProvider(EXPR_LANGUAGE, {
    triggerCharacters: ['.', '(', '$'],
    provideCompletionItems(model, position) {
      const scope = scopes.get(model.uri.toString()) ?? { fields: [] };
      const items = completions(model.getValue(), model.getOffsetAt(position), scope);
      return {
        suggestions: items.map((c) => ({
          label: c.label,
          kind: kinds[c.kind],
          detail: c.detail,
          documentation: { value: c.documentation },
          insertText: c.insertText,
          range: toRange(c.replaceRange),
        })),
      };
    },
  });
  monaco.languages.registerHoverProvider(EXPR_LANGUAGE, {
    provideHover(model, position) {
      const scope = scopes.get(model.uri.toString()) ?? { fields: [] };
      const h = hover(model.getValue(), model.getOffsetAt(position), scope);
      return h ? { contents: [{ value: h.markdown }], range: toRange(h.range) } : null;
    },
  });
  monaco.languages.registerSignatureHelpProvider(EXPR_LANGUAGE, {
    signatureHelpTriggerCharacters: ['(', ','],
    provideSignatureHelp(model, position) {
      const scope = scopes.get(model.uri.toString()) ?? { fields: [] };
      const s = signatureHelp(model.getValue(), model.getOffsetAt(position), scope);
      if (!s) return null;
      return {
        value: {
          signatures: [{ label: s.label, documentation: { value: s.documentation }, parameters: s.parameters.map((p) => ({ label: p.label, documentation: p.documentation })) }],
          activeSignature: 0,
          activeParameter: s.activeParameter,
        },
        dispose() {},
      };
    },
  });
}
