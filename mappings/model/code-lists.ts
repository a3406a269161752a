/**
 * Code lists and crosswalks: versioned data (JSON files), never code. This module holds their types,
 * validates them against their own JSON Schemas plus the rules a schema cannot say (no duplicate
 * codes; every crosswalk code exists in both lists; one target per source code), and answers lookups.
 */
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { diag } from '../diagnostics/catalog';
import type { Diagnostic } from '../diagnostics/diagnostic';
import codeListSchema from './code-list.schema.json';
import crosswalkSchema from './crosswalk.schema.json';
import { MODEL } from './codes';

export interface CodeListEntry {
  code: string;
  label: string;
  description?: string;
  parent?: string;
  validFrom?: string;
  validTo?: string;
  deprecated?: boolean;
  /** Extra facts, e.g. `{ min: 18, max: 24 }` for an age band or `{ pnc: '01' }` for a force. */
  attributes?: Record<string, string | number | boolean>;
}

export interface Citation {
  title: string;
  url: string;
  licence?: string;
}

export interface CodeList {
  scheme: string;
  version: string;
  name: string;
  description: string;
  source: Citation;
  codes: CodeListEntry[];
}

export type CrosswalkQuality = 'exact' | 'broader' | 'narrower' | 'lossy';

export interface CrosswalkEntry {
  from: string;
  to: string;
  quality: CrosswalkQuality;
  note?: string;
}

export interface Crosswalk {
  id: string;
  fromScheme: string;
  toScheme: string;
  version: string;
  description?: string;
  source: Citation;
  entries: CrosswalkEntry[];
}

let checkers: { codeList: ReturnType<Ajv2020['compile']>; crosswalk: ReturnType<Ajv2020['compile']> } | undefined;

function schemaCheckers() {
  if (!checkers) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(ajv);
    checkers = { codeList: ajv.compile(codeListSchema), crosswalk: ajv.compile(crosswalkSchema) };
  }
  return checkers;
}

function schemaErrors(errors: ErrorObject[] | null | undefined, what: string, file?: string): Diagnostic[] {
  return (errors ?? []).map((e) => {
    const at = e.instancePath || '/';
    const extra =
      e.keyword === 'additionalProperties'
        ? ` (${String((e.params as { additionalProperty: string }).additionalProperty)})`
        : '';
    return diag(
      MODEL.MW2008,
      { detail: `${what} ${at} ${e.message ?? ''}${extra}` },
      { ...(file ? { file } : {}), pointer: at },
    );
  });
}

/**
 * Checks code lists and crosswalks: each against its JSON Schema, then the cross-file rules.
 * `files` optionally names the file each scheme / crosswalk id was loaded from, for locations.
 */
export function validateCodeLists(
  codeLists: readonly unknown[],
  crosswalks: readonly unknown[] = [],
  files: Record<string, string> = {},
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { codeList: checkList, crosswalk: checkWalk } = schemaCheckers();
  const byScheme = new Map<string, Set<string>>();
  codeLists.forEach((raw, i) => {
    const scheme = (raw as { scheme?: string })?.scheme ?? `#${i}`;
    const file = files[scheme];
    if (!checkList(raw)) {
      out.push(...schemaErrors(checkList.errors, `code list ${scheme}:`, file));
      return;
    }
    const list = raw as CodeList;
    if (byScheme.has(list.scheme))
      out.push(diag(MODEL.MW2008, { detail: `code list ${list.scheme} is defined twice` }, file ? { file } : {}));
    const codes = new Set<string>();
    list.codes.forEach((c, j) => {
      if (codes.has(c.code))
        out.push(
          diag(
            MODEL.MW2009,
            { scheme: list.scheme, code: c.code },
            { ...(file ? { file } : {}), pointer: `/codes/${j}/code` },
          ),
        );
      codes.add(c.code);
    });
    list.codes.forEach((c, j) => {
      if (c.parent !== undefined && !codes.has(c.parent)) {
        out.push(
          diag(
            MODEL.MW2008,
            { detail: `code list ${list.scheme}: parent "${c.parent}" of "${c.code}" is not a code of the list` },
            { ...(file ? { file } : {}), pointer: `/codes/${j}/parent` },
          ),
        );
      }
    });
    byScheme.set(list.scheme, codes);
  });
  crosswalks.forEach((raw, i) => {
    const id = (raw as { id?: string })?.id ?? `#${i}`;
    const file = files[id];
    const loc = (pointer: string) => ({ ...(file ? { file } : {}), pointer });
    if (!checkWalk(raw)) {
      out.push(...schemaErrors(checkWalk.errors, `crosswalk ${id}:`, file));
      return;
    }
    const walk = raw as Crosswalk;
    const from = byScheme.get(walk.fromScheme);
    const to = byScheme.get(walk.toScheme);
    if (!from)
      out.push(
        diag(MODEL.MW2008, { detail: `crosswalk ${walk.id}: no code list ${walk.fromScheme}` }, loc('/fromScheme')),
      );
    if (!to)
      out.push(diag(MODEL.MW2008, { detail: `crosswalk ${walk.id}: no code list ${walk.toScheme}` }, loc('/toScheme')));
    const seen = new Map<string, string>();
    walk.entries.forEach((e, j) => {
      if (from && !from.has(e.from))
        out.push(
          diag(MODEL.MW2010, { crosswalk: walk.id, code: e.from, scheme: walk.fromScheme }, loc(`/entries/${j}/from`)),
        );
      if (to && !to.has(e.to))
        out.push(
          diag(MODEL.MW2010, { crosswalk: walk.id, code: e.to, scheme: walk.toScheme }, loc(`/entries/${j}/to`)),
        );
      const prev = seen.get(e.from);
      if (prev !== undefined && prev !== e.to)
        out.push(
          diag(MODEL.MW2014, { crosswalk: walk.id, from: e.from, to: `${prev}, ${e.to}` }, loc(`/entries/${j}`)),
        );
      seen.set(e.from, e.to);
    });
  });
  return out;
}

/** True when a code may still be used for new records on `onDate` (ISO date; default: any date). */
export function isCodeActive(entry: CodeListEntry, onDate?: string): boolean {
  if (entry.deprecated) return false;
  if (!onDate) return entry.validTo === undefined;
  if (entry.validFrom && onDate < entry.validFrom) return false;
  if (entry.validTo && onDate > entry.validTo) return false;
  return true;
}
