/**
 * The function reference as Markdown, generated from the registry so it cannot drift from the code
 * (for `docs/`, the CLI and the in-app help).
 */
import { FUNCTIONS } from './registry';
import type { FunctionCategory, FunctionDef } from './types';

const CATEGORY_TITLES: Record<FunctionCategory, string> = {
  text: 'Text',
  names: 'Names',
  dates: 'Dates and times',
  numbers: 'Numbers',
  uk: 'UK formats',
  geography: 'Geography',
  identifiers: 'Identifiers and pseudonyms',
  values: 'Empty values and conversions',
  lists: 'Lists',
};

function signature(def: FunctionDef): string {
  const params = def.params.map((p) => `${p.variadic ? '...' : ''}${p.name}${p.optional ? '?' : ''}: ${p.type}`);
  return `${def.name}(${params.join(', ')}): ${def.returns.type}`;
}

/** Markdown for every function, grouped by category, with signatures, docs and examples. */
export function renderFunctionReference(): string {
  const out: string[] = ['# Expression function reference', ''];
  for (const [category, title] of Object.entries(CATEGORY_TITLES) as [FunctionCategory, string][]) {
    const defs = Object.values(FUNCTIONS).filter((d) => d.category === category);
    if (!defs.length) continue;
    out.push(`## ${title}`, '');
    for (const def of defs) {
      out.push(`### ${def.name}`, '', '```', signature(def), '```', '', def.summary, '', def.doc, '');
      if (def.context) out.push('Needs run-time parameters (see the doc above).', '');
      out.push('| call | result |', '|---|---|');
      for (const ex of def.examples) out.push(`| \`${ex.call.replace(/\|/g, '\\|')}\` | \`${JSON.stringify(ex.result).replace(/\|/g, '\\|')}\` |`);
      out.push('');
    }
  }
  return out.join('\n');
}
