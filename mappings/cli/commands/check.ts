/**
 * `mapwright check MAPPING [--json] [--samples DIR]` — checks a mapping document (or a project
 * folder) against its target model and prints every problem, one per line, or as JSON.
 * Exit 1 when there is any error (warnings and notes are allowed), 2 when the input is unreadable.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic';
import { formatDiagnostic } from '../../diagnostics/diagnostic';
import { checkMapping } from '../../checker/index';
import { loadProject } from '../../checker/project.node.js';
import { mapJsonPositions } from '../../model/json-position';
import type { MappingDocument } from '../../document/types';
import { getModel } from '../../model/index';
import type { TargetModel } from '../../model/target-model';
import { parseCliArgs, type CliCommand } from '../command';

const usage = `Usage: mapwright check MAPPING [--json] [--samples DIR]

Checks a mapping against its target model: unknown fields, type and cardinality problems, value
maps, links, unreachable rules and expressions. MAPPING is a mapping.json file or a project folder
(its samples are used for value-map, join and filter checks).

Options:
  --json          print { file, diagnostics, summary } as JSON instead of one line per problem
  --samples DIR   read sample files from DIR: a file named after a source (name or id, any
                  supported extension) gives that source's sample records

Exit status: 0 no errors (warnings allowed), 1 errors found, 2 unreadable input.`;

/**
 * Adds file positions: checker locations carry a JSON pointer, and expression problems a line and
 * column inside the expression's text; both become a line and column in the mapping file.
 */
export function locateInFile(diagnostics: Diagnostic[], text: string | undefined, file: string, doc?: MappingDocument): Diagnostic[] {
  if (text === undefined) return diagnostics;
  let map: ReturnType<typeof mapJsonPositions> | undefined;
  return diagnostics.map((d) => {
    const l = d.location;
    if (l.file && l.file !== file) return d;
    if (!l.pointer) return d.location.file ? d : { ...d, location: { file, ...l } };
    map ??= mapJsonPositions(text);
    const exprInside = l.line !== undefined && l.nodeId !== undefined && isExprPointer(doc, l.pointer);
    const pos = map.pointers.get(exprInside ? `${l.pointer}/code` : l.pointer);
    if (!pos) return { ...d, location: { ...l, file } };
    if (exprInside) {
      const at = positionInJsonString(text, pos.value.offset, l.line!, l.column ?? 1);
      return { ...d, location: { ...l, file, line: at.line, column: at.column } };
    }
    if (l.line !== undefined) return { ...d, location: { ...l, file } };
    return { ...d, location: { ...l, file, line: pos.value.line, column: pos.value.column } };
  });
}

function isExprPointer(doc: MappingDocument | undefined, pointer: string): boolean {
  if (!doc) return false;
  let cur: unknown = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return false;
    cur = (cur as Record<string, unknown>)[key];
  }
  return typeof cur === 'object' && cur !== null && (cur as { kind?: unknown }).kind === 'expr';
}

/**
 * Where a line/column of a decoded JSON string lies in the file. Written by hand because it must
 * step over escapes (`\n`, `\"`, `\u00e9`) that make the file text and the string differ.
 */
function positionInJsonString(text: string, quoteOffset: number, line: number, column: number): { line: number; column: number } {
  let l = 1;
  let c = 1;
  let i = quoteOffset + 1;
  while (i < text.length && text[i] !== '"' && !(l === line && c === column)) {
    if (text[i] === '\\') {
      const next = text[i + 1];
      if (next === 'n') {
        l++;
        c = 1;
      } else c++;
      i += next === 'u' ? 6 : 2;
    } else {
      c++;
      i++;
    }
  }
  let fl = 1;
  let lineStart = 0;
  for (let k = 0; k < i; k++) if (text.charCodeAt(k) === 10) {
    fl++;
    lineStart = k + 1;
  }
  return { line: fl, column: i - lineStart + 1 };
}

function summary(ds: Diagnostic[]) {
  const n = (s: Diagnostic['severity']) => ds.filter((d) => d.severity === s).length;
  return { errors: n('error'), warnings: n('warning'), infos: n('info') };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export const command: CliCommand = {
  summary: 'check a mapping against its target model and samples',
  usage,
  async run(argv) {
    const { values, positionals } = parseCliArgs(argv, { json: { type: 'boolean' }, samples: { type: 'string' } }, usage);
    if (positionals.length !== 1) {
      process.stderr.write(`mapwright check: expected one MAPPING argument\n\n${usage}\n`);
      return 2;
    }
    const project = await loadProject(positionals[0], { samplesDir: values.samples });
    const file = project.mappingFile;
    let diagnostics = [...project.diagnostics];
    let unreadable = !project.document;
    if (project.document) {
      let model: TargetModel | undefined;
      try {
        model = getModel(project.document.target.modelId, project.document.target.modelVersion);
      } catch (e) {
        const d = (e as { diagnostic?: Diagnostic }).diagnostic;
        if (!d) throw e;
        diagnostics.push({ ...d, location: { ...d.location, file, pointer: '/target' } });
      }
      if (model) diagnostics.push(...checkMapping(project.document, { model, samples: project.samples, recordNumbers: project.recordNumbers, file }));
    } else unreadable = !project.diagnostics.some((d) => d.code.startsWith('MW3'));
    diagnostics = locateInFile(diagnostics, project.mappingText, file, project.document);
    const s = summary(diagnostics);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ file, diagnostics, summary: s }, null, 2)}\n`);
    } else {
      for (const d of diagnostics) process.stdout.write(`${formatDiagnostic(d)}\n`);
      process.stdout.write(`${file}: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'note')}\n`);
    }
    if (unreadable) return 2;
    return s.errors ? 1 : 0;
  },
};
