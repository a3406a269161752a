/**
 * `mapwright models [SCHEME] [--model ID[@VERSION]] [--json]` — lists the built-in target models
 * and their code lists, or prints one code list (or crosswalk) in full.
 */
import { getModel, listModels } from '../../model/index';
import type { CodeList, Crosswalk } from '../../model/code-lists';
import type { TargetModel } from '../../model/target-model';
import { parseCliArgs, UsageError, type CliCommand } from '../command';

const usage = `Usage: mapwright models [SCHEME] [--model ID[@VERSION]] [--json]

Without SCHEME: lists the built-in target models, their code lists (scheme, version, number of
codes, source) and crosswalks. With SCHEME: prints that code list, or the crosswalk with that id
(e.g. SDE_18_1, FORCE, SDE_16_1-to-SDE_18_1).

Options:
  --model ID[@VERSION]  model to read code lists from (default: pole, newest version)
  --json                machine-readable output

Exit status: 0 ok, 2 unknown model or code list.`;

/** Renders rows as a plain-text table with a header rule; the last column is not padded. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function clip(s: string, n: number) {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function parseModelArg(arg: string | undefined): TargetModel {
  const [id, version] = (arg ?? 'pole').split('@');
  try {
    return getModel(id, version || undefined);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function overview(model: TargetModel): string {
  const models = listModels();
  const out = [
    'Target models',
    '',
    table(
      ['ID', 'VERSION', 'NAME', 'ENTITIES'],
      models.map((m) => [m.id, m.version, m.name, m.entities.join(', ') || '(flat)']),
    ),
    '',
    `Code lists of ${model.id}@${model.version}`,
    '',
    table(
      ['SCHEME', 'VERSION', 'CODES', 'SOURCE'],
      Object.values(model.codeLists)
        .sort((a, b) => a.scheme.localeCompare(b.scheme))
        .map((l) => [l.scheme, l.version, String(l.codes.length), clip(l.source.title, 70)]),
    ),
    '',
    `Crosswalks of ${model.id}@${model.version}`,
    '',
    table(
      ['ID', 'FROM', 'TO', 'ENTRIES', 'NOT EXACT'],
      Object.values(model.crosswalks).map((w) => [
        w.id,
        w.fromScheme,
        w.toScheme,
        String(w.entries.length),
        String(w.entries.filter((e) => e.quality !== 'exact').length),
      ]),
    ),
    '',
    'Run `mapwright models SCHEME` to print one code list or crosswalk.',
  ];
  return `${out.join('\n')}\n`;
}

function showList(l: CodeList): string {
  const notes = (c: CodeList['codes'][number]) =>
    [
      c.deprecated ? 'deprecated' : '',
      c.validFrom ? `from ${c.validFrom}` : '',
      c.validTo ? `until ${c.validTo}` : '',
      c.parent ? `parent ${c.parent}` : '',
      ...Object.entries(c.attributes ?? {}).map(([k, v]) => `${k}=${String(v)}`),
    ]
      .filter(Boolean)
      .join('; ');
  const head = [
    `${l.scheme} ${l.version} — ${l.name}`,
    l.description,
    `Source: ${l.source.title} <${l.source.url}>${l.source.licence ? ` (${l.source.licence})` : ''}`,
    '',
  ];
  return `${head.join('\n')}\n${table(
    ['CODE', 'LABEL', 'NOTES'],
    l.codes.map((c) => [c.code, c.label, notes(c)]),
  )}\n`;
}

function showCrosswalk(w: Crosswalk): string {
  const head = [
    `${w.id} ${w.version} — ${w.fromScheme} → ${w.toScheme}`,
    ...(w.description ? [w.description] : []),
    `Source: ${w.source.title} <${w.source.url}>`,
    '',
  ];
  return `${head.join('\n')}\n${table(
    ['FROM', 'TO', 'QUALITY', 'NOTE'],
    w.entries.map((e) => [e.from, e.to, e.quality, e.note ?? '']),
  )}\n`;
}

export const command: CliCommand = {
  summary: 'List target models and their code lists, or print one code list',
  usage,
  async run(argv) {
    const { values, positionals } = parseCliArgs(argv, { json: { type: 'boolean' }, model: { type: 'string' } }, usage);
    if (positionals.length > 1)
      throw new UsageError(`Expected at most one SCHEME, got ${positionals.length}\n\n${usage}`);
    const model = parseModelArg(values.model);
    const [scheme] = positionals;
    if (!scheme) {
      if (values.json) {
        const json = {
          models: listModels(),
          model: { id: model.id, version: model.version },
          codeLists: Object.values(model.codeLists).map((l) => ({
            scheme: l.scheme,
            version: l.version,
            name: l.name,
            codes: l.codes.length,
            source: l.source,
          })),
          crosswalks: Object.values(model.crosswalks).map((w) => ({
            id: w.id,
            fromScheme: w.fromScheme,
            toScheme: w.toScheme,
            version: w.version,
            entries: w.entries.length,
            source: w.source,
          })),
        };
        process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
      } else process.stdout.write(overview(model));
      return 0;
    }
    const list =
      model.codeLists[scheme] ??
      Object.values(model.codeLists).find((l) => l.scheme.toLowerCase() === scheme.toLowerCase());
    const walk = model.crosswalks[scheme];
    if (!list && !walk) {
      throw new UsageError(
        `No code list or crosswalk "${scheme}" in ${model.id}@${model.version}. Known: ${[...Object.keys(model.codeLists), ...Object.keys(model.crosswalks)].sort().join(', ')}`,
      );
    }
    if (values.json) process.stdout.write(`${JSON.stringify(list ?? walk, null, 2)}\n`);
    else process.stdout.write(list ? showList(list) : showCrosswalk(walk!));
    return 0;
  },
};
