/**
 * `mapwright diff OLD NEW` — what changed in behaviour between two versions of a mapping (mapping
 * files, project folders or bundles), per target field, rule, value-map entry, filter and join.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadProject } from '../../checker/project.node.js';
import { formatDiagnostic, MappingError } from '../../diagnostics/diagnostic';
import { parseMapping } from '../../document/parse';
import type { MappingDocument } from '../../document/types';
import { readBundle } from '../../bundle/reader.node.js';
import { diffMappings, formatMappingDiff } from '../../bundle/semantic-diff';
import { parseCliArgs, UsageError, type CliCommand } from '../command';

const usage = `Usage: mapwright diff OLD NEW [--json]

Compares two versions of a mapping by meaning: for each target field, rule, value-map entry,
filter, join, source and the target model, what changed ("Person.sex: source field changed from
sex to gender"). Canvas layout, node ids and comments are ignored. OLD and NEW may each be a
mapping.json file, a project folder or a bundle (.mwb file or unpacked folder).

Exit status: 0 no semantic changes, 1 there are changes, 2 usage error or unreadable input.`;

/** Loads the mapping document from a mapping file, project folder or bundle. */
async function loadDoc(path: string): Promise<MappingDocument | string> {
  const st = await stat(path).catch(() => undefined);
  if (!st) return `cannot read ${path}`;
  const isBundle = st.isFile() ? path.endsWith('.mwb') : await stat(join(path, 'manifest.json')).then(() => true, () => false);
  if (isBundle) {
    try {
      const { files } = await readBundle(path);
      const text = files['mapping.json'];
      if (!text) return `${path}: the bundle has no mapping.json`;
      const r = parseMapping(new TextDecoder().decode(text));
      const errs = r.diagnostics.filter((d) => d.severity === 'error');
      if (!r.document || errs.length) return errs.map((d) => `${path}!mapping.json: ${formatDiagnostic(d)}`).join('\n');
      return r.document;
    } catch (e) {
      if (e instanceof MappingError) return formatDiagnostic(e.diagnostic);
      throw e;
    }
  }
  const project = await loadProject(path, { samples: false });
  const errs = project.diagnostics.filter((d) => d.severity === 'error');
  if (!project.document || errs.length) return errs.map(formatDiagnostic).join('\n') || `cannot read a mapping from ${path}`;
  return project.document;
}

export const command: CliCommand = {
  summary: 'Semantic diff of two mapping versions (fields, rules, value maps)',
  usage,
  async run(argv) {
    const { values, positionals } = parseCliArgs(argv, { json: { type: 'boolean' } }, usage);
    if (positionals.length !== 2) throw new UsageError(`Expected OLD and NEW\n\n${usage}`);
    const [a, b] = await Promise.all(positionals.map(loadDoc));
    for (const d of [a, b]) if (typeof d === 'string') process.stderr.write(`${d}\n`);
    if (typeof a === 'string' || typeof b === 'string') return 2;
    const diff = diffMappings(a!, b!);
    process.stdout.write(values.json ? `${JSON.stringify(diff, null, 2)}\n` : `${formatMappingDiff(diff).join('\n')}\n`);
    return diff.changes.length ? 1 : 0;
  },
};
