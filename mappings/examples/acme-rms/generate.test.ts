import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { generateAcmeExport, OFFENCES } from './generate';

const samples = join(dirname(fileURLToPath(import.meta.url)), 'samples');
const read = (f: string) => readFileSync(join(samples, f), 'utf8');

describe('Acme Records sample export', () => {
  const out = generateAcmeExport();

  it('is committed exactly as the generator makes it (regenerate with generate.node.ts)', () => {
    expect(read('offences.ndjson')).toBe(out.offencesNdjson);
    expect(read('vehicles.csv')).toBe(out.vehiclesCsv);
    expect(JSON.parse(read('messy-records.json'))).toEqual(out.messy);
  });

  it('is deterministic and seed-dependent', () => {
    expect(generateAcmeExport().offencesNdjson).toBe(out.offencesNdjson);
    expect(generateAcmeExport(1).offencesNdjson).not.toBe(out.offencesNdjson);
  });

  it('has 300 records, exactly one malformed, ~5% messy', () => {
    const lines = out.offencesNdjson.trimEnd().split('\n');
    expect(lines).toHaveLength(300);
    const bad = lines
      .map((l, i) => [i + 1, l] as const)
      .filter(([, l]) => {
        try {
          JSON.parse(l);
          return false;
        } catch {
          return true;
        }
      });
    expect(bad.map(([n]) => n)).toEqual([out.messy.find((m) => m.problem === 'malformed-json')!.line]);
    expect(out.messy.length / 300).toBeGreaterThanOrEqual(0.04);
    expect(out.messy.length / 300).toBeLessThanOrEqual(0.06);
  });

  it('looks like the supplier spec in README.md', () => {
    const messyLines = new Set(out.messy.map((m) => m.line));
    const clean = out.offencesNdjson
      .trimEnd()
      .split('\n')
      .filter((_, i) => !messyLines.has(i + 1))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const codes = new Set<string>(OFFENCES.map(([c]) => c));
    for (const rec of clean) {
      expect(rec.crime_ref).toMatch(/^AC\/24\/\d{6}$/);
      expect(codes.has((rec.offence as { code: string }).code)).toBe(true);
      expect(rec.committed_from).toMatch(/^(\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}|\d{2}\/\d{4})$/);
      const persons = rec.persons as { role: string; sex?: string }[];
      expect(persons.length).toBeGreaterThanOrEqual(1);
      for (const p of persons) expect(['VIC', 'SUS', 'WIT', 'REP', 'OFF']).toContain(p.role);
    }
    const readme = readFileSync(join(samples, '..', 'README.md'), 'utf8');
    for (const c of codes) expect(readme, c).toContain(`\`${c}\``);
    // The variety the mapping has to cope with is really there.
    const flat = out.offencesNdjson;
    for (const needle of [
      '"ethnicity":"WB"',
      '"ethnicity":"Not stated"',
      '"ethnicity":"O1"',
      '"sex":"X"',
      'On or near',
      '"easting":',
      '"lat":',
      '"dob":""',
      '"committed_to":""',
      'approx £',
      '"force_code":"KENT"',
    ])
      expect(flat, needle).toContain(needle);
    expect(flat).toMatch(/"committed_from":"\d{2}\/2024"/);
    expect(flat).toMatch(/"name":"[A-Z']+, [A-Z][a-z]+/);
    expect(flat).toMatch(/"value":"£\d,\d{3}\.\d{2}"/);
    expect(flat).toMatch(/"dob":"\d{2}\/\d{2}\/\d{2}"/);
    expect(flat).toMatch(/"postcode":"[a-z]+\d[a-z0-9]*\d[a-z]{2}"/);
    expect(flat).toMatch(/"vrm":"[a-z]{2}\d{2} [a-z]{3}"/);
  });

  it('has a CRLF vehicles.csv with a quoted comma, keyed by crime reference', () => {
    const csv = out.vehiclesCsv;
    expect(csv.split('\r\n')[0]).toBe('Crime Ref,VRM,Make,Model,Colour,Keeper Name,Notes');
    expect(csv.replace(/\r\n/g, '')).not.toContain('\n');
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(50);
    expect(rows.some((r) => r['Keeper Name'].includes(','))).toBe(true);
    expect(rows.some((r) => r.Notes.includes('"'))).toBe(true);
    const refs = new Set(out.offencesNdjson.match(/AC\/24\/\d{6}/g));
    const orphans = rows.filter((r) => !refs.has(r['Crime Ref']));
    expect(orphans.map((r) => r['Crime Ref'])).toEqual(['AC/23/009871', 'AC/24/999999']);
  });
});
