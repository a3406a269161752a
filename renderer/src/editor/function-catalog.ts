/** The function library as the canvas and palette see it (names, params, docs). */
import { FUNCTIONS } from '../../../mappings/functions';
import type { FunctionInfo } from './graph/types';
import type { PaletteFunction } from './canvas/Palette';

export const PALETTE_FUNCTIONS: PaletteFunction[] = Object.values(FUNCTIONS)
  .map((f) => ({
    name: f.name,
    category: f.category,
    summary: f.summary,
    doc: f.doc,
    params: f.params.map((p) => ({ name: p.name, optional: p.optional || p.variadic, type: p.type })),
    returns: f.returns.type,
  }))
  .sort((a, b) => a.category.localeCompare(b.category) || a.name.localeCompare(b.name));

const byName = new Map(PALETTE_FUNCTIONS.map((f) => [f.name, f]));

/** Display info for a function name, or undefined for names the library does not have. */
export function functionInfo(name: string): FunctionInfo | undefined {
  return byName.get(name);
}
