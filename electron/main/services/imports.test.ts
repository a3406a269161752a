import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEventName, ApiEvents } from '../../shared/api';
import { dispatch } from '../dispatch';
import { memoryLogger } from '../log';
import { tempDir } from '../test-support/temp';
import { createHostServices, type HostServices } from './create';
import { SAMPLE_MAX_BYTES } from './imports';

let t: ReturnType<typeof tempDir>;
let host: HostServices;
let events: { event: ApiEventName; payload: unknown }[];
let projectId: string;
const log = memoryLogger();

beforeEach(async () => {
  t = tempDir();
  host = await createHostServices({ home: path.join(t.dir, 'ws'), host: 'browser', appVersion: '9.9.9', log, seed: false });
  events = [];
  host.events.on((event, payload) => events.push({ event, payload }));
  projectId = (await h()['projects.create']({ name: 'Imports' })).id;
});
afterEach(async () => {
  await host.close();
  t.cleanup();
});

const h = () => host.services.handlers;
const progressOf = (importId: string) =>
  events.filter((e) => e.event === 'import.progress' && (e.payload as ApiEvents['import.progress']).importId === importId).map((e) => e.payload as ApiEvents['import.progress']);

/** An NDJSON sample of about `mb` megabytes. */
function bigNdjson(mb: number): string {
  const line = JSON.stringify({ id: 'X'.repeat(20), surname: 'Smith', forename: 'Alex', dob: '1990-01-02', notes: 'n'.repeat(120) }) + '\n';
  return line.repeat(Math.ceil((mb * 1024 * 1024) / line.length));
}

describe('imports.start: samples', () => {
  it('reads, counts and stores a sample off the main thread, reporting progress', async () => {
    const r = await h()['imports.start']({ importId: 'imp-1', projectId, kind: 'sample', sourceId: 'src-1', name: 'people.csv', format: 'csv', content: 'id,name\n1,Ann\n2,Bob\n3,Cy\n' });
    expect(r.kind).toBe('sample');
    if (r.kind !== 'sample') return;
    expect(r.sample).toMatchObject({ projectId, sourceId: 'src-1', name: 'people.csv', format: 'csv', recordCount: 3, sizeBytes: 25 });
    expect(r.diagnostics).toEqual([]);
    expect(r.rejected).toBe(0);
    expect((await h()['samples.list']({ projectId })).map((s) => s.id)).toEqual([r.sample.id]);
    expect((await h()['samples.get']({ id: r.sample.id })).content).toBe('id,name\n1,Ann\n2,Bob\n3,Cy\n');
    const phases = progressOf('imp-1').map((p) => p.phase);
    expect(phases).toContain('reading');
    expect(phases.at(-1)).toBe('storing');
    expect(progressOf('imp-1').at(-1)).toMatchObject({ done: 25, total: 25, records: 3 });
    expect(events).toContainEqual({ event: 'projects.changed', payload: { projectId } });
  });

  it('stores a sample with bad records, reporting each with its line and column', async () => {
    const content = '{"a":1}\n{"a":\n{"a":3}\nnot json\n';
    const r = await h()['imports.start']({ importId: 'imp-2', projectId, kind: 'sample', sourceId: 'src-1', name: 'bad.ndjson', format: 'ndjson', content });
    if (r.kind !== 'sample') throw new Error('expected a sample');
    expect(r.sample.recordCount).toBe(4);
    expect(r.rejected).toBe(2);
    expect(r.diagnostics).toHaveLength(2);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', location: { file: 'bad.ndjson', line: 2, record: 2 } });
    expect(r.diagnostics[0].location.column).toBeGreaterThan(0);
    expect(r.diagnostics[1].location).toMatchObject({ line: 4, record: 4 });
  });

  it('refuses schema documents as samples, and samples over the size cap, storing nothing', async () => {
    const asSample = await dispatch(h(), 'imports.start', { importId: 'imp-3', projectId, kind: 'sample', sourceId: 's', name: 'x.xsd', format: 'xsd', content: '<xs:schema/>' }, log);
    expect(asSample).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    // Two-byte characters: under the transport's character limit, over the byte cap.
    const huge = 'é'.repeat(SAMPLE_MAX_BYTES / 2 + 1);
    const tooBig = await dispatch(h(), 'imports.start', { importId: 'imp-4', projectId, kind: 'sample', sourceId: 's', name: 'huge.csv', format: 'csv', content: huge }, log);
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'too-large', message: expect.stringContaining('64.0 MB') } });
    expect(await h()['samples.list']({ projectId })).toEqual([]);
  });

  it('validates requests: unknown project, malformed ids, unexpected keys', async () => {
    expect(await dispatch(h(), 'imports.start', { importId: 'i', projectId: 'nope', kind: 'sample', sourceId: 's', name: 'a.csv', format: 'csv', content: 'a\n1\n' }, log)).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await dispatch(h(), 'imports.start', { importId: '../x', projectId, kind: 'sample', sourceId: 's', name: 'a.csv', format: 'csv', content: '' }, log)).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(await dispatch(h(), 'imports.cancel', { importId: 'a', extra: 1 }, log)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});

describe('imports.start: schemas', () => {
  it('infers a field tree from a CSV sample without storing it', async () => {
    const r = await h()['imports.start']({ importId: 'imp-5', projectId, kind: 'schema', sourceId: 'src-1', name: 'people.csv', format: 'csv', content: 'id,surname,dob\n1,Smith,1990-01-02\n2,Jones,1985-12-31\n' });
    if (r.kind !== 'schema') throw new Error('expected a schema');
    expect(r.tree.fields.map((f) => f.path)).toEqual(['id', 'surname', 'dob']);
    expect(r.records).toBe(2);
    expect(r.schemaHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await h()['samples.list']({ projectId })).toEqual([]);
    expect(progressOf('imp-5').some((p) => p.phase === 'inferring')).toBe(true);
  });

  it('detects the XML record element, or uses the one given', async () => {
    const xml = '<Export><Person><Name>A</Name></Person><Person><Name>B</Name><Alias>C</Alias></Person></Export>';
    const detected = await h()['imports.start']({ importId: 'imp-6', projectId, kind: 'schema', sourceId: 's', name: 'p.xml', format: 'xml', content: xml });
    if (detected.kind !== 'schema') throw new Error('expected a schema');
    expect(detected.recordPath).toBe('/Export/Person');
    expect(detected.tree.fields.map((f) => f.path)).toEqual(['Name', 'Alias']);
    const given = await h()['imports.start']({ importId: 'imp-7', projectId, kind: 'schema', sourceId: 's', name: 'p.xml', format: 'xml', content: xml, recordPath: '/Export' });
    if (given.kind !== 'schema') throw new Error('expected a schema');
    expect(given.recordPath).toBe('/Export');
  });

  it('imports XSD and JSON Schema documents, and reports a malformed one located instead of failing', async () => {
    const xsd = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="Person"><xs:complexType><xs:sequence>
      <xs:element name="Surname" type="xs:string"/><xs:element name="Born" type="xs:date" minOccurs="0"/></xs:sequence></xs:complexType></xs:element></xs:schema>`;
    const x = await h()['imports.start']({ importId: 'imp-8', projectId, kind: 'schema', sourceId: 's', name: 'person.xsd', format: 'xsd', content: xsd });
    if (x.kind !== 'schema') throw new Error('expected a schema');
    expect(x.tree.fields.map((f) => f.name)).toEqual(['Surname', 'Born']);
    const js = await h()['imports.start']({
      importId: 'imp-9',
      projectId,
      kind: 'schema',
      sourceId: 's',
      name: 'p.schema.json',
      format: 'jsonschema',
      content: '{"type":"object","properties":{"vrm":{"type":"string"}}}',
    });
    if (js.kind !== 'schema') throw new Error('expected a schema');
    expect(js.tree.fields.map((f) => f.path)).toEqual(['vrm']);
    const bad = await h()['imports.start']({ importId: 'imp-10', projectId, kind: 'schema', sourceId: 's', name: 'bad.schema.json', format: 'jsonschema', content: '{"type":"object",\n  "properties": {,}}' });
    if (bad.kind !== 'schema') throw new Error('expected a schema');
    expect(bad.tree.fields).toEqual([]);
    expect(bad.diagnostics[0]).toMatchObject({ severity: 'error', location: { file: 'bad.schema.json' } });
    const malformedXml = await h()['imports.start']({ importId: 'imp-11', projectId, kind: 'schema', sourceId: 's', name: 'm.xml', format: 'xml', content: '<Export>\n<Person><Name>A</Nme></Person>' });
    if (malformedXml.kind !== 'schema') throw new Error('expected a schema');
    expect(malformedXml.diagnostics.some((d) => d.severity === 'error' && d.location.line === 2 && d.location.column !== undefined)).toBe(true);
  });
});

describe('imports.cancel', () => {
  it('stops a running import: the worker is terminated, nothing is stored, later imports still work', async () => {
    const content = bigNdjson(24);
    let cancelAsked: Promise<unknown> | undefined;
    const off = host.events.on((event, payload) => {
      if (event === 'import.progress' && (payload as ApiEvents['import.progress']).importId === 'big' && !cancelAsked) {
        cancelAsked = h()['imports.cancel']({ importId: 'big' });
      }
    });
    const err = await h()['imports.start']({ importId: 'big', projectId, kind: 'sample', sourceId: 's', name: 'big.ndjson', format: 'ndjson', content }).catch((e: unknown) => e);
    off();
    expect(await cancelAsked).toEqual({ cancelled: true });
    expect(err).toMatchObject({ code: 'cancelled' });
    const seen = progressOf('big');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)!.done).toBeLessThan(seen.at(-1)!.total);
    expect(seen.some((p) => p.phase === 'storing')).toBe(false);
    expect(await h()['samples.list']({ projectId })).toEqual([]);
    // Cancelling something that is not running says so rather than failing.
    expect(await h()['imports.cancel']({ importId: 'big' })).toEqual({ cancelled: false });
    const again = await h()['imports.start']({ importId: 'after', projectId, kind: 'sample', sourceId: 's', name: 'a.csv', format: 'csv', content: 'a\n1\n' });
    expect(again.kind === 'sample' && again.sample.recordCount).toBe(1);
  });

  it('refuses a second import with an id that is running', async () => {
    const content = bigNdjson(8);
    const first = h()['imports.start']({ importId: 'dup', projectId, kind: 'sample', sourceId: 's', name: 'a.ndjson', format: 'ndjson', content });
    await expect(h()['imports.start']({ importId: 'dup', projectId, kind: 'sample', sourceId: 's', name: 'b.csv', format: 'csv', content: 'a\n1\n' })).rejects.toMatchObject({ code: 'conflict' });
    await h()['imports.cancel']({ importId: 'dup' });
    await expect(first).rejects.toMatchObject({ code: 'cancelled' });
  });
});

describe('samples.update', () => {
  it('replaces the content, recounts records and keeps name and source', async () => {
    const added = await h()['samples.add']({ projectId, sourceId: 'src-1', name: 'p.csv', format: 'csv', content: 'a\n1\n' });
    const updated = await h()['samples.update']({ id: added.id, content: 'a,b\n1,2\n3,4\n5,6\n' });
    expect(updated).toMatchObject({ id: added.id, name: 'p.csv', sourceId: 'src-1', format: 'csv', recordCount: 3, sizeBytes: 16 });
    expect((await h()['samples.get']({ id: added.id })).content).toBe('a,b\n1,2\n3,4\n5,6\n');
    expect(updated.sha256).not.toBe(added.sha256);
    const asTsv = await h()['samples.update']({ id: added.id, content: 'a\tb\n1\t2\n', format: 'tsv' });
    expect(asTsv).toMatchObject({ format: 'tsv', recordCount: 1 });
  });

  it('fails for an unknown sample and for content over the cap', async () => {
    expect(await dispatch(h(), 'samples.update', { id: 'nope', content: 'a\n' }, log)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const added = await h()['samples.add']({ projectId, sourceId: 's', name: 'p.csv', format: 'csv', content: 'a\n1\n' });
    expect(await dispatch(h(), 'samples.update', { id: added.id, content: 'é'.repeat(SAMPLE_MAX_BYTES / 2 + 1) }, log)).toMatchObject({ ok: false, error: { code: 'too-large' } });
    expect((await h()['samples.get']({ id: added.id })).content).toBe('a\n1\n');
  });
});
