/**
 * `mapwright eval 'EXPRESSION' --input RECORD.json` — evaluates one expression against one record
 * with the same checks and sandbox as mappings use, and prints the JSON result.
 */
import { readFile } from 'node:fs/promises';
import { loadProject } from '../../checker/project.node.js';
import { formatDiagnostic } from '../../diagnostics/diagnostic';
import { checkExpression, evaluateExpression } from '../../expr/index';
import type { ExprScope } from '../../expr/types';
import type { FieldNode } from '../../model/field-tree';
import { inferSchema } from '../../schema/index';
import { errorReject } from '../../runtime/helpers';
import { parseCliArgs, UsageError, type CliCommand } from '../command';

const usage = `Usage: mapwright eval 'EXPRESSION' --input RECORD.json [--mapping MAPPING] [--param KEY=VALUE …]

Evaluates one expression against one record and prints the result as JSON. The expression is
checked first (fields, functions, types, sandbox rules) exactly as in a mapping; check errors are
printed and nothing is evaluated. Fields are the record's own (or, with --mapping, the primary
source's schema of that mapping). The record is visible as fields and as $record.

Options:
  --input RECORD.json  one record (a JSON object)
  --mapping MAPPING    use this mapping's primary source schema as the scope
  --param KEY=VALUE    a run parameter, e.g. hmacKey for pseudonymise() (repeatable)

Exit status: 0 evaluated, 1 check or run-time error, 2 usage error or unreadable input.`;

export const command: CliCommand = {
  summary: 'Evaluate one expression against one record (checked and sandboxed)',
  usage,
  async run(argv) {
    const { values, positionals } = parseCliArgs(argv, { input: { type: 'string' }, mapping: { type: 'string' }, param: { type: 'string', multiple: true } }, usage);
    if (positionals.length !== 1) throw new UsageError(`Expected one EXPRESSION argument (quote it)\n\n${usage}`);
    if (!values.input) throw new UsageError(`--input RECORD.json is required\n\n${usage}`);
    const code = positionals[0];
    const params: Record<string, unknown> = {};
    for (const p of values.param ?? []) {
      const i = p.indexOf('=');
      if (i <= 0) throw new UsageError(`--param must be KEY=VALUE, got "${p}"\n\n${usage}`);
      params[p.slice(0, i)] = p.slice(i + 1);
    }
    let text: string;
    try {
      text = await readFile(values.input, 'utf8');
    } catch (e) {
      process.stderr.write(`mapwright eval: cannot read ${values.input}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 2;
    }
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch (e) {
      process.stderr.write(`mapwright eval: ${values.input} is not JSON: ${(e as Error).message}\n`);
      return 2;
    }
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      process.stderr.write(`mapwright eval: ${values.input} must hold one JSON object (a record)\n`);
      return 2;
    }
    let fields: FieldNode[];
    if (values.mapping) {
      const project = await loadProject(values.mapping, { samples: false });
      const primary = project.document?.sources.find((s) => s.primary);
      if (!primary) {
        for (const d of project.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
        process.stderr.write(`mapwright eval: no primary source in ${values.mapping}\n`);
        return 2;
      }
      fields = primary.schema.fields;
    } else {
      fields = inferSchema({ name: 'record', format: 'ndjson', content: `${JSON.stringify(record)}\n`, file: values.input }).tree.fields;
    }
    const scope: ExprScope = { fields, variables: { $record: { type: 'object', fields, doc: 'The whole record.' } } };
    const checked = checkExpression(code, scope);
    for (const d of checked.diagnostics) process.stderr.write(`${formatDiagnostic({ ...d, location: { file: '<expression>', ...d.location } })}\n`);
    if (checked.diagnostics.some((d) => d.severity === 'error')) return 1;
    try {
      const result = evaluateExpression(code, scope, { scopes: { '': record, $record: record } }, { params });
      process.stdout.write(`${JSON.stringify(result === undefined ? null : result, null, 2)}\n`);
      return 0;
    } catch (e) {
      const r = errorReject(e);
      process.stderr.write(`error ${r.code}: ${r.message}\n`);
      return 1;
    }
  },
};
