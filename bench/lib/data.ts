/**
 * Benchmark data: many realistic, messy Acme RMS records, produced by the example project's own
 * seeded generator (mappings/examples/acme-rms/generate.ts) in blocks with successive seeds, so the
 * mix of problems (about 5% messy records, legacy codes, month-only dates…) is the supplier's.
 */
import { generateAcmeExport } from '../../mappings/examples/acme-rms/generate';

/** Records per generator block; every block has the example's messy records at the same positions. */
export const BLOCK = 300;

/** One generated block: offence NDJSON lines and vehicle-table CSV rows (without header). */
export interface Block {
  lines: string[];
  csvHeader: string;
  csvRows: string[];
}

/**
 * Generates block `k` (deterministic). Crime references get a block prefix so that references
 * stay unique across blocks, as they are in a real export.
 */
export function block(k: number, seed = 20240314): Block {
  const out = generateAcmeExport(seed + k, BLOCK);
  const tag = `AC/${String(k % 100).padStart(2, '0')}${Math.floor(k / 100)}/`;
  const lines = out.offencesNdjson.split('\n').filter((l) => l !== '').map((l) => l.replaceAll('AC/24/', tag));
  const rows = out.vehiclesCsv.split('\r\n').filter((l) => l !== '');
  return { lines, csvHeader: rows[0], csvRows: rows.slice(1).map((l) => l.replaceAll('AC/24/', tag)) };
}

/** At least `n` NDJSON offence lines plus the matching vehicle table (CSV text with header). */
export function generate(n: number): { ndjson: string[]; vehiclesCsv: string } {
  const ndjson: string[] = [];
  const csv: string[] = [];
  let header = '';
  for (let k = 0; ndjson.length < n; k++) {
    const b = block(k);
    header = b.csvHeader;
    for (const l of b.lines) if (ndjson.length < n) ndjson.push(l);
    csv.push(...b.csvRows);
  }
  return { ndjson, vehiclesCsv: `${[header, ...csv].join('\r\n')}\r\n` };
}
