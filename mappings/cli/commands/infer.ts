import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import { formatDiagnostic } from '../../diagnostics/diagnostic';
import { formatFromFileName, type SchemaFormat } from '../../schema/index';
import { inferFile, progressReporter } from '../../schema/infer-file.node.js';
import { parseCliArgs, UsageError, type CliCommand } from '../command';

const FORMATS = ['csv', 'tsv', 'json', 'ndjson', 'xml', 'xsd', 'jsonschema'] as const;

const usage = `Usage: mapwright infer FILE [--format ${FORMATS.join('|')}] [--record-path PATH] [--name NAME]

Prints the field tree of a sample file (inferred, streamed in constant memory) or of a schema
(XSD, JSON Schema) as JSON on stdout. Diagnostics go to stderr.

  --format FORMAT     input format (default: from the file extension)
  --record-path PATH  XML: record element path (e.g. /Export/Offence; detected when omitted);
                      XSD / JSON Schema: the root element or definition
  --name NAME         tree name (default: the file name)

Exit codes: 0 ok, 1 the input has errors (rejected records, malformed schema), 2 usage or unreadable file.`;

/** Resolves the format of a file from the flag or the extension (usage error when neither says). */
export function resolveFormat(file: string, flag: string | undefined): SchemaFormat {
  if (flag) {
    if (!(FORMATS as readonly string[]).includes(flag)) throw new UsageError(`unknown format "${flag}"\n\n${usage}`);
    return flag as SchemaFormat;
  }
  const f = formatFromFileName(file);
  if (!f) throw new UsageError(`cannot tell the format of "${file}" from its extension; pass --format`);
  return f;
}

export const command: CliCommand = {
  summary: 'Infer a field tree from a sample file or import it from an XSD / JSON Schema',
  usage,
  async run(argv) {
    const { values, positionals } = parseCliArgs(argv, { format: { type: 'string' }, 'record-path': { type: 'string' }, name: { type: 'string' } }, usage);
    if (positionals.length !== 1) throw new UsageError(`expected one FILE\n\n${usage}`);
    const file = positionals[0];
    const format = resolveFormat(file, values.format);
    try {
      await access(file);
    } catch {
      process.stderr.write(`mapwright infer: cannot read ${file}\n`);
      return 2;
    }
    const progress = progressReporter(`infer ${basename(file)}`, process.stderr);
    const { tree, diagnostics } = await inferFile(file, {
      format,
      name: values.name ?? basename(file),
      ...(values['record-path'] ? { recordPath: values['record-path'] } : {}),
      onProgress: progress,
    });
    progress.done();
    for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
    process.stdout.write(`${JSON.stringify(tree, null, 2)}\n`);
    return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
  },
};
