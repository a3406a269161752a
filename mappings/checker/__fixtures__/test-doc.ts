/**
 * A small, complete mapping document builder for the checker's own tests and golden fixtures:
 * one primary source with a repeating `persons[]` group (and nested `aliases[]`), one joined
 * `vehicles` source. Not used at run time.
 */
import type { Json, MappingDocument, ValueNode } from '../../document/types';
import type { FieldNode, FieldTree } from '../../model/field-tree';

const s = (path: string, type: FieldNode['type'] = 'string', extra: Partial<FieldNode> = {}): FieldNode => ({
  path,
  name: path.split('.').pop()!.replace('[]', ''),
  type,
  cardinality: 'optional',
  ...extra,
});

/** The primary source's tree: an offence record with persons[] (with aliases[]) and officer notes[]. */
export const OFFENCE_TREE: FieldTree = {
  id: 'source:test-offences',
  name: 'offences',
  origin: 'ndjson',
  fields: [
    s('crimeRef'),
    s('committed'),
    s('offenceCode'),
    s('easting', 'integer'),
    s('northing', 'integer'),
    s('value'),
    s('persons[]', 'array', {
      itemType: 'object',
      cardinality: 'many',
      children: [
        s('persons[].surname'),
        s('persons[].forenames'),
        s('persons[].dob'),
        s('persons[].sex'),
        s('persons[].role'),
        s('persons[].aliases[]', 'array', {
          itemType: 'object',
          cardinality: 'many',
          children: [s('persons[].aliases[].name')],
        }),
      ],
    }),
    s('notes[]', 'array', { itemType: 'string', cardinality: 'many' }),
  ],
};

export const VEHICLE_TREE: FieldTree = {
  id: 'source:test-vehicles',
  name: 'vehicles',
  origin: 'csv',
  fields: [s('crime_ref'), s('vrm'), s('make')],
};

/** A fresh document with sources and a join but no rules; tests mutate their own copy. */
export function baseDoc(): MappingDocument {
  return {
    format: 'mapwright.mapping',
    formatVersion: 1,
    id: '4b8f8a52-7f0e-4a47-9d0e-3c3f0a3b1a10',
    name: 'Checker test',
    version: '1.0.0',
    namespace: '0a1f7c52-3c1e-4c7b-8f7e-2a7d5b6c9e01',
    sourceSystem: 'TEST',
    sources: [
      { id: 's-off', name: 'offences', format: 'ndjson', primary: true, schema: structuredClone(OFFENCE_TREE) },
      { id: 's-veh', name: 'vehicles', format: 'csv', primary: false, schema: structuredClone(VEHICLE_TREE) },
    ],
    joins: [
      {
        id: 'j-veh',
        source: 's-veh',
        as: 'vehicles',
        on: [{ primary: { id: 'n-jk', kind: 'field', path: 'crimeRef' }, foreign: 'crime_ref' }],
        cardinality: 'many',
      },
    ],
    target: { modelId: 'pole', modelVersion: '1.0.0' },
    filters: [],
    valueMaps: [],
    root: { fields: [] },
    entities: [],
    links: [],
    layout: { nodes: {}, comments: [] },
  };
}

const f = (id: string, path: string, scope?: string): ValueNode => ({ id, kind: 'field', path, ...(scope ? { scope } : {}) });
const k = (id: string, value: Json): ValueNode => ({ id, kind: 'const', value });
const coded = (id: string, code: string, scheme: string): ValueNode => ({
  id,
  kind: 'object',
  fields: { code: k(`${id}-c`, code), scheme: k(`${id}-s`, scheme) },
});

/**
 * A clean mapping to POLE v1 (no diagnostics without samples): an Event per record, a Person per
 * `persons[]` element, an Object per joined vehicle, and person→event / vehicle→event links.
 * Golden fixtures are this document with one thing broken.
 */
export function cleanDoc(): MappingDocument {
  const doc = baseDoc();
  doc.recordId = f('n-recid', 'crimeRef');
  doc.filters.push({ id: 'r-has-ref', when: { id: 'n-has-ref', kind: 'expr', code: '!isEmpty(crimeRef)' }, reason: 'No crime reference' });
  doc.valueMaps.push(
    {
      id: 'vm-sex',
      name: 'Acme sex codes',
      sourceScheme: 'ACME_SEX',
      targetScheme: 'SEX',
      entries: [
        { from: 'M', to: 'M', quality: 'exact' },
        { from: 'F', to: 'F', quality: 'exact' },
      ],
      caseInsensitive: true,
      unmapped: { policy: 'default', value: 'U' },
      output: 'coded',
    },
    {
      id: 'vm-role',
      name: 'Acme person roles',
      sourceScheme: 'ACME_ROLE',
      targetScheme: 'LINK_ROLE',
      entries: [
        { from: 'V', to: 'VICTIM', quality: 'exact' },
        { from: 'S', to: 'SUSPECT', quality: 'exact' },
        { from: 'W', to: 'WITNESS', quality: 'exact' },
      ],
      unmapped: { policy: 'reject' },
      output: 'code',
    },
  );
  doc.entities.push(
    {
      id: 'r-event',
      entity: 'Event',
      label: 'The offence',
      key: [f('n-ev-key', 'crimeRef')],
      fields: [
        { id: 'r-ev-type', target: 'eventType', value: coded('n-ev-type', 'OFFENCE', 'EVENT_TYPE') },
        { id: 'r-ev-org', target: 'owningOrganisation', value: coded('n-ev-org', 'cleveland', 'FORCE') },
        { id: 'r-ev-ref', target: 'crimeReference', value: f('n-ev-ref', 'crimeRef') },
        { id: 'r-ev-rep', target: 'reported', value: { id: 'n-ev-rep', kind: 'call', fn: 'partialDate', args: [f('n-ev-rep-in', 'committed')] } },
        { id: 'r-ev-notes', target: 'notes', value: { id: 'n-ev-notes', kind: 'aggregate', op: 'join', separator: '; ', input: f('n-ev-notes-in', 'notes[]') } },
      ],
    },
    {
      id: 'r-person',
      entity: 'Person',
      label: 'People on the record',
      forEach: { path: 'persons[]', as: 'person' },
      key: [f('n-p-key1', 'surname'), f('n-p-key2', 'dob')],
      fields: [
        {
          id: 'r-p-family',
          target: 'names[0].family',
          value: { id: 'n-p-family', kind: 'call', fn: 'titleCase', args: [{ id: 'n-p-trim', kind: 'call', fn: 'trim', args: [f('n-p-surname', 'surname')] }] },
        },
        { id: 'r-p-sex', target: 'sex', value: { id: 'n-p-sex', kind: 'map', valueMap: 'vm-sex', input: f('n-p-sex-in', 'sex') } },
        { id: 'r-p-dob', target: 'dateOfBirth', value: { id: 'n-p-dob', kind: 'call', fn: 'partialDate', args: [f('n-p-dob-in', 'dob')] } },
      ],
    },
    {
      id: 'r-vehicle',
      entity: 'Object',
      label: 'Vehicles',
      forEach: { path: 'vehicles[]', as: 'vehicle' },
      fields: [
        { id: 'r-v-type', target: 'objectType', value: coded('n-v-type', 'VEHICLE', 'OBJECT_TYPE') },
        { id: 'r-v-vrm', target: 'vrm', value: { id: 'n-v-vrm', kind: 'call', fn: 'normaliseVrm', args: [f('n-v-vrm-in', 'vrm')] } },
        { id: 'r-v-make', target: 'make', value: f('n-v-make', 'make') },
      ],
    },
  );
  doc.links.push(
    { id: 'r-l-person', from: 'r-person', to: 'r-event', parent: 'r-person', role: { id: 'n-l-role', kind: 'map', valueMap: 'vm-role', input: f('n-l-role-in', 'role') }, fields: [] },
    { id: 'r-l-vehicle', from: 'r-vehicle', to: 'r-event', parent: 'r-vehicle', role: k('n-l-stolen', 'STOLEN_IN'), fields: [] },
  );
  return doc;
}

/** Sample records for the clean document's sources. */
export function cleanSamples(): Record<string, unknown[]> {
  return {
    's-off': [
      { crimeRef: 'CR/1', committed: '03/2024', notes: ['a', 'b'], persons: [{ surname: ' smith ', sex: 'M', role: 'V', dob: '01/02/1980' }, { surname: 'JONES', sex: 'X', role: 'Q' }] },
      { crimeRef: 'CR/2', committed: '04/2024', persons: [{ surname: 'Brown', sex: 'f', role: 'S' }, { surname: 'Green', sex: 'X', role: 'W' }, { surname: 'Grey', sex: 'Z', role: 'W' }] },
      { crimeRef: '', committed: '05/2024', persons: [] },
    ],
    's-veh': [
      { crime_ref: 'CR/1', vrm: 'ab12 cde', make: 'Ford' },
      { crime_ref: 'CR/9', vrm: 'xy99 zzz', make: 'Audi' },
    ],
  };
}
