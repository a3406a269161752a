import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { joinPath, parsePath } from '../model/field-tree';
import { diag } from '../diagnostics/catalog';
import { READ } from './codes';
import type { RecordParser, SourceRecord } from './types';

/** A parsed XML element with its position; the common input of the XML reader and XML inference. */
export interface XmlElement {
  local: string;
  prefix: string;
  uri: string;
  line: number;
  column: number;
  attributes: { local: string; prefix: string; uri: string; value: string }[];
  children: XmlElement[];
  /** Text nodes (and CDATA) directly inside the element, in order. */
  text: string[];
}

export type XmlRecordEvent = { record: number; line: number; element: XmlElement } | { record: number; line: number; error: Diagnostic };

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
/** Records deeper than this are refused: conversion and inference recurse per level. */
export const MAX_XML_RECORD_DEPTH = 256;
/** Text held for one record is capped so a wrong record path cannot pull a whole file into memory. */
export const MAX_XML_RECORD_TEXT = 64 * 1024 * 1024;
const XMLNS = 'http://www.w3.org/2000/xmlns/';

interface PathMatcher {
  anyDepth: boolean;
  segments: string[];
}

function compilePath(path: string): PathMatcher {
  const anyDepth = path.startsWith('//');
  const segments = path.replace(/^\/+/, '').split('/').filter(Boolean);
  if (segments.length === 0) throw new Error(`Empty XML record path "${path}"`);
  return { anyDepth, segments };
}

function segmentMatches(seg: string, el: { local: string; prefix: string }): boolean {
  if (seg === '*') return true;
  const colon = seg.indexOf(':');
  return colon >= 0 ? seg === `${el.prefix}:${el.local}` : seg === el.local;
}

function pathMatches(m: PathMatcher, stack: readonly { local: string; prefix: string }[]): boolean {
  const k = m.segments.length;
  if (m.anyDepth ? stack.length < k : stack.length !== k) return false;
  const base = stack.length - k;
  for (let i = 0; i < k; i++) if (!segmentMatches(m.segments[i], stack[base + i])) return false;
  return true;
}

/** Thrown from inside saxes' handlers to stop a parse after its first fatal diagnostic. */
const STOP_PARSING = Symbol('stop parsing');
function stopOnFailure(run: () => unknown): void {
  try {
    run();
  } catch (e) {
    if (e !== STOP_PARSING) throw e;
  }
}

/** Default record path: each child of the root element is a record. */
export const DEFAULT_XML_RECORD_PATH = '/*/*';

/**
 * Streams the elements that match a record path, built as {@link XmlElement} trees. Entity
 * declarations in a DOCTYPE are refused (saxes never expands them nor fetches external entities;
 * refusing makes the reason explicit); the first well-formedness error stops reading.
 */
export function createXmlElementParser(options: { recordPath?: string; file?: string; onDiagnostic?: (d: Diagnostic) => void }) {
  const file = options.file;
  const recordPath = options.recordPath ?? DEFAULT_XML_RECORD_PATH;
  const matcher = compilePath(recordPath);
  const parser = new SaxesParser({ xmlns: true, position: true, ...(file ? { fileName: file } : {}) });
  const stack: { local: string; prefix: string }[] = [];
  const building: XmlElement[] = [];
  let recordDepth = -1;
  let recordNo = 0;
  let out: XmlRecordEvent[] = [];
  let stopped = false;
  let tagLine = 1;
  let tagCol = 1;
  let matched = 0;
  const loc = (line: number, column: number, record?: number) => ({ ...(file ? { file } : {}), line, column, ...(record !== undefined ? { record } : {}) });
  const fail = (d: Diagnostic) => {
    if (stopped) return;
    stopped = true;
    out.push({ record: ++recordNo, line: d.location.line ?? parser.line, error: { ...d, location: { ...d.location, record: recordNo } } });
    // saxes has no abort: without this it parses the rest of the chunk, and a very deep document
    // costs time quadratic in its depth (namespace scopes chain per element) — a hang found by the
    // reliability suite (100,000 nested elements took minutes).
    throw STOP_PARSING;
  };

  parser.on('doctype', (dt) => {
    if (/<!ENTITY/i.test(dt)) fail(diag(READ.MW1042, {}, loc(parser.line, parser.column)));
    else options.onDiagnostic?.(diag(READ.MW1043, {}, loc(parser.line, parser.column)));
  });
  parser.on('opentagstart', (tag) => {
    // saxes reports the position just past the name; the '<' is name.length + 1 columns before it
    tagLine = parser.line;
    tagCol = Math.max(1, parser.column - tag.name.length - 1);
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (stopped) return;
    stack.push({ local: tag.local, prefix: tag.prefix });
    // Depth outside records is bounded too, so a deep wrapper cannot hang the parser either.
    if (stack.length > 2 * MAX_XML_RECORD_DEPTH) fail(diag(READ.MW1045, { max: MAX_XML_RECORD_DEPTH }, loc(tagLine, tagCol)));
    if (recordDepth < 0 && pathMatches(matcher, stack)) recordDepth = stack.length;
    if (recordDepth < 0) return;
    if (building.length >= MAX_XML_RECORD_DEPTH) {
      fail(diag(READ.MW1045, { max: MAX_XML_RECORD_DEPTH }, loc(tagLine, tagCol)));
      return;
    }
    const el: XmlElement = {
      local: tag.local,
      prefix: tag.prefix,
      uri: tag.uri,
      line: tagLine,
      column: tagCol,
      attributes: Object.values(tag.attributes)
        .filter((a) => a.uri !== XMLNS)
        .map((a) => ({ local: a.local, prefix: a.prefix, uri: a.uri, value: a.value })),
      children: [],
      text: [],
    };
    if (building.length) building[building.length - 1].children.push(el);
    building.push(el);
  });
  let recordChars = 0;
  const onText = (t: string) => {
    if (stopped || !building.length) return;
    recordChars += t.length;
    if (recordChars > MAX_XML_RECORD_TEXT) {
      fail(diag(READ.MW1046, { max: MAX_XML_RECORD_TEXT }, loc(building[0].line, building[0].column)));
      building.length = 0;
      return;
    }
    building[building.length - 1].text.push(t);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    if (stopped) return;
    if (recordDepth >= 0) {
      const el = building.pop()!;
      if (stack.length === recordDepth) {
        recordDepth = -1;
        recordChars = 0;
        matched++;
        out.push({ record: ++recordNo, line: el.line, element: el });
      }
    }
    stack.pop();
  });
  parser.on('error', (err) => {
    // saxes prefixes messages with "file:line:column: "; the location says that already
    const message = err.message.replace(/^.*?\d+:\d+: /, '');
    fail(diag(READ.MW1041, { message }, loc(parser.line, Math.max(1, parser.column))));
  });

  return {
    push(text: string): XmlRecordEvent[] {
      out = [];
      if (!stopped) stopOnFailure(() => parser.write(text));
      return out;
    },
    end(): XmlRecordEvent[] {
      out = [];
      if (!stopped) stopOnFailure(() => parser.close());
      if (!stopped && matched === 0) options.onDiagnostic?.(diag(READ.MW1044, { path: recordPath }, loc(parser.line, parser.column)));
      return out;
    },
  };
}

/**
 * Converts an element to a plain value with the XML conventions shared with inference: attributes
 * `@name`, child elements by local name, text of an element that also has attributes or children
 * `#text`, repeated elements (or those listed in `repeated`) arrays, `xsi:nil="true"` null, and an
 * empty element absent (undefined).
 */
export function xmlElementToValue(el: XmlElement, repeated?: ReadonlySet<string>, path = ''): unknown {
  const obj: Record<string, unknown> = {};
  let nil = false;
  for (const a of el.attributes) {
    if (a.uri === XSI) {
      if (a.local === 'nil' && (a.value === 'true' || a.value === '1')) nil = true;
      continue;
    }
    obj[`@${a.local}`] = a.value;
  }
  if (nil) return null;
  const groups = new Map<string, XmlElement[]>();
  for (const c of el.children) {
    const g = groups.get(c.local);
    if (g) g.push(c);
    else groups.set(c.local, [c]);
  }
  for (const [name, els] of groups) {
    const childPath = joinPath(path, name);
    const values = els.map((c) => xmlElementToValue(c, repeated, childPath)).filter((v) => v !== undefined);
    if (values.length === 0) continue;
    obj[name] = values.length > 1 || repeated?.has(childPath) ? values : values[0];
  }
  const hasStructure = Object.keys(obj).length > 0 || el.children.length > 0;
  if (!hasStructure) {
    const text = el.text.join('');
    return text.trim() === '' ? undefined : text;
  }
  const mixed = el.text.map((t) => t.trim()).filter(Boolean).join(' ');
  if (mixed) obj['#text'] = mixed;
  return Object.keys(obj).length ? obj : undefined;
}

/** A field-tree path with the `[]` collection markers dropped: `a[].b[]` → `a.b`. */
export function withoutMany(path: string): string {
  return parsePath(path).reduce((p, s) => joinPath(p, s.name), '');
}

/** Record parser for XML: each element matching the record path becomes one record value. */
export function createXmlParser(options: { recordPath?: string; repeated?: string[]; file?: string; onDiagnostic?: (d: Diagnostic) => void }): RecordParser {
  const inner = createXmlElementParser(options);
  const repeated = new Set((options.repeated ?? []).map(withoutMany));
  const convert = (events: XmlRecordEvent[]): SourceRecord[] =>
    events.map((e) => ('error' in e ? e : { record: e.record, line: e.line, value: xmlElementToValue(e.element, repeated) ?? {} }));
  return { push: (t) => convert(inner.push(t)), end: () => convert(inner.end()) };
}
