import { createWriteStream } from 'node:fs';
import { basename } from 'node:path';
import { once } from 'node:events';
import { formatDiagnostic } from '../../diagnostics/diagnostic';
import type { DataProtectionClass } from '../../model/field-tree';
import { formatCsvRow } from '../../io/index';
import { readFileRecords } from '../../io/files.node.js';
import { createRedactor, type RedactionReport } from '../../samples/index';
import { readerOptionsForTree } from '../../schema/index';
import { parseCliArgs, UsageError, type CliCommand } from '../command';
import { loadOrInferTree } from './sample';
import { resolveFormat } from './infer';

const CLASSES: DataProtectionClass[] = ['personal', 'special-category', 'criminal-offence'];

const usage = `Usage: mapwright redact FILE [--out FILE] [--classes personal,special-category] [--fields a,b] [--seed S]

Masks personal data in a real sample before it is shared: values of fields in the chosen
data-protection classes (classified by name when the file has none) or named with --fields are
replaced by made-up values of the same shape; the same value always masks the same way.
CSV stays CSV (same header and delimiter), JSON stays a JSON array, NDJSON stays NDJSON; XML
records are written as NDJSON. Unreadable records are reported on stderr and left out (exit 1).

  --out FILE        output file (default: stdout)
  --classes LIST    ${CLASSES.join(',')} (default: personal,special-category)
  --fields LIST     extra field paths to mask (e.g. notes,persons[].remarks)
  --seed S          masking key (default 0)
  --format F        input format when the extension does not say
  --record-path P   XML record element path`;

export const command: CliCommand = {
  summary: 'Mask personal data in a sample file, keeping its shape',
  usage,
  async run(argv) {
    const { values, positionals } = parseCliArgs(
      argv,
      { out: { type: 'string' }, classes: { type: 'string' }, fields: { type: 'string' }, seed: { type: 'string' }, format: { type: 'string' }, 'record-path': { type: 'string' } },
      usage,
    );
    if (positionals.length !== 1) throw new UsageError(`expected one FILE\n\n${usage}`);
    const file = positionals[0];
    const format = resolveFormat(file, values.format);
    if (format === 'xsd' || format === 'jsonschema') throw new UsageError('redact works on data files (csv, tsv, json, ndjson, xml), not schemas');
    const classes = (values.classes ?? 'personal,special-category').split(',').map((s) => s.trim()).filter(Boolean);
    for (const c of classes) if (!(CLASSES as string[]).includes(c)) throw new UsageError(`unknown class "${c}" (expected ${CLASSES.join(', ')})`);
    const { tree, exit } = await loadOrInferTree(file, format, 'redact', { reportRecords: false, ...(values['record-path'] ? { recordPath: values['record-path'] } : {}) });
    if (!tree) return exit ?? 1;
    const report: RedactionReport = { masked: {} };
    const redact = createRedactor(tree, { classes: classes as DataProtectionClass[], fields: values.fields?.split(',').map((s) => s.trim()).filter(Boolean) ?? [], seed: values.seed ?? 0 }, report);
    const out = values.out ? createWriteStream(values.out) : process.stdout;
    const write = async (s: string) => {
      if (!out.write(s)) await once(out, 'drain');
    };
    const cols = tree.fields.map((f) => f.name);
    const delimiter = tree.dialect?.delimiter ?? (format === 'tsv' ? '\t' : ',');
    if (format === 'csv' || format === 'tsv') await write(formatCsvRow(cols, delimiter) + (tree.dialect?.lineEnding ?? '\n'));
    if (format === 'json') await write('[');
    let errors = 0;
    let written = 0;
    const readerOptions = readerOptionsForTree(tree) ?? { format };
    if (values['record-path']) readerOptions.recordPath = values['record-path'];
    for await (const r of readFileRecords(file, { ...readerOptions, format })) {
      if ('error' in r) {
        errors++;
        process.stderr.write(`${formatDiagnostic(r.error)}\n`);
        continue;
      }
      const masked = redact(r.value) as Record<string, unknown>;
      if (format === 'csv' || format === 'tsv') await write(formatCsvRow(cols.map((c) => (masked[c] === undefined ? '' : String(masked[c]))), delimiter) + (tree.dialect?.lineEnding ?? '\n'));
      else if (format === 'json') await write(`${written ? ',' : ''}\n  ${JSON.stringify(masked)}`);
      else await write(`${JSON.stringify(masked)}\n`);
      written++;
    }
    if (format === 'json') await write(written ? '\n]\n' : ']\n');
    if (out !== process.stdout) {
      out.end();
      await once(out, 'finish');
    }
    const summary = Object.entries(report.masked).map(([k, v]) => `${k} ×${v}`).join(', ');
    process.stderr.write(`redact ${basename(file)}: ${written} records written, ${errors} unreadable; masked ${summary || 'nothing'}\n`);
    return errors ? 1 : 0;
  },
};
