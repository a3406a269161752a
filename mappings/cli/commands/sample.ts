import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { formatDiagnostic } from '../../diagnostics/diagnostic';
import type { FieldTree } from '../../model/field-tree';
import { formatCsvRow } from '../../io/index';
import { generateSamples } from '../../samples/index';
import { inferFile } from '../../schema/infer-file.node.js';
import { parseCliArgs, UsageError, type CliCommand } from '../command';
import { resolveFormat } from './infer';

const usage = `Usage: mapwright sample FIELD_TREE|FILE --count N [--seed S] [--format ndjson|json|csv]

Writes N synthetic records (no personal data) shaped like a field tree (a JSON file as printed by
\`mapwright infer\`) or like a sample/schema file (inferred first). Same seed → same records.

  --count N          number of records (required, 1..1000000)
  --seed S           seed (default 1)
  --format FORMAT    output: ndjson (default), json (an array) or csv (flat trees; nested values as JSON)
  --input-format F   format of FILE when its extension does not say`;

/** A field tree read from JSON, or undefined when the JSON is not one. */
function asFieldTree(value: unknown): FieldTree | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const t = value as Partial<FieldTree>;
  return Array.isArray(t.fields) && typeof t.origin === 'string' && typeof t.name === 'string' ? (t as FieldTree) : undefined;
}

/** Loads a field tree file, or infers one from a data/schema file; undefined + exit code on failure. */
export async function loadOrInferTree(
  file: string,
  inputFormat: string | undefined,
  cmd: string,
  opts: { recordPath?: string; reportRecords?: boolean } = {},
): Promise<{ tree?: FieldTree; exit?: number }> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    process.stderr.write(`mapwright ${cmd}: cannot read ${file}\n`);
    return { exit: 2 };
  }
  // a field tree is a small JSON file; anything big is data and is streamed by inference
  if (!inputFormat && /\.json$/i.test(file) && size < 32 * 1024 * 1024) {
    try {
      const tree = asFieldTree(JSON.parse(await readFile(file, 'utf8')));
      if (tree) return { tree };
    } catch {
      /* not a field tree: inference below reads it as data and reports any error's position */
    }
  }
  const { tree, diagnostics } = await inferFile(file, { format: resolveFormat(file, inputFormat), name: basename(file), ...(opts.recordPath ? { recordPath: opts.recordPath } : {}) });
  // record-level errors carry a record number; a caller that re-reads the file reports those itself
  for (const d of diagnostics) if (opts.reportRecords !== false || d.location.record === undefined) process.stderr.write(`${formatDiagnostic(d)}\n`);
  if (diagnostics.some((d) => d.severity === 'error') && tree.fields.length === 0) return { exit: 1 };
  return { tree };
}

export const command: CliCommand = {
  summary: 'Generate synthetic sample records (no personal data) from a field tree or a file',
  usage,
  async run(argv) {
    const { values, positionals } = parseCliArgs(
      argv,
      { count: { type: 'string' }, seed: { type: 'string' }, format: { type: 'string' }, 'input-format': { type: 'string' } },
      usage,
    );
    if (positionals.length !== 1) throw new UsageError(`expected one FIELD_TREE or FILE\n\n${usage}`);
    const count = Number(values.count);
    if (!values.count || !Number.isInteger(count) || count < 1 || count > 1_000_000) throw new UsageError(`--count must be an integer from 1 to 1000000\n\n${usage}`);
    const format = values.format ?? 'ndjson';
    if (!['ndjson', 'json', 'csv'].includes(format)) throw new UsageError(`unknown output format "${format}"\n\n${usage}`);
    const { tree, exit } = await loadOrInferTree(positionals[0], values['input-format'], 'sample');
    if (!tree) return exit ?? 1;
    const seed = values.seed === undefined ? 1 : /^-?\d+$/.test(values.seed) ? Number(values.seed) : values.seed;
    const records = generateSamples(tree, { count, seed });
    const out = process.stdout;
    if (format === 'json') out.write(`${JSON.stringify(records, null, 2)}\n`);
    else if (format === 'ndjson') out.write(records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    else {
      const cols = tree.fields.map((f) => f.name);
      const delimiter = tree.dialect?.delimiter ?? ',';
      const lines = [formatCsvRow(cols, delimiter)];
      for (const r of records as Record<string, unknown>[]) {
        lines.push(formatCsvRow(cols.map((c) => (r[c] === undefined ? '' : typeof r[c] === 'object' ? JSON.stringify(r[c]) : String(r[c]))), delimiter));
      }
      out.write(lines.join('\n') + '\n');
    }
    return 0;
  },
};
