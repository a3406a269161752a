// Test fixtures: a small but realistic supplier source (an RMS crime export with nested persons)
// and a POLE-shaped target tree, plus a mapping document over them.
import type { MappingDocument } from '../../../../mappings/document/types';
import type { FieldNode, FieldTree } from '../../../../mappings/model/field-tree';

const f = (path: string, type: FieldNode['type'], extra: Partial<FieldNode> = {}): FieldNode => ({
  path,
  name: path.split('.').pop()!.replace(/\[\]$/, ''),
  type,
  cardinality: 'optional',
  ...extra,
});

export const sourceTree: FieldTree = {
  id: 'source:acme-rms',
  name: 'ACME RMS crimes',
  origin: 'json',
  recordCount: 3,
  fields: [
    f('crimeRef', 'string', { cardinality: 'one', examples: ['CR/2024/0001', 'CR/2024/0002'] }),
    f('offenceCode', 'string', { examples: ['THEFT', 'BURG'] }),
    f('committedOn', 'string', { pattern: 'dd/MM/yyyy', examples: ['03/02/2024'] }),
    f('persons[]', 'array', {
      cardinality: 'many',
      itemType: 'object',
      children: [
        f('persons[].surname', 'string', { examples: ['Smith'] }),
        f('persons[].forename', 'string', { examples: ['Jo'] }),
        f('persons[].DOB', 'string', { pattern: 'dd/MM/yyyy', examples: ['01/02/1990'] }),
        f('persons[].sex', 'string', { examples: ['M', 'F'] }),
      ],
    }),
    f('address', 'object', {
      children: [f('address.line1', 'string'), f('address.postcode', 'string', { examples: ['SW1A 1AA'] })],
    }),
  ],
};

export const targetTree: FieldTree = {
  id: 'model:pole@1.0.0',
  name: 'POLE',
  origin: 'model',
  fields: [
    f('Person', 'object', {
      children: [
        f('Person.names[]', 'array', {
          cardinality: 'many',
          itemType: 'object',
          children: [
            f('Person.names[].family', 'string'),
            f('Person.names[].given[]', 'array', { cardinality: 'many', itemType: 'string' }),
          ],
        }),
        f('Person.dateOfBirth', 'object', { children: [f('Person.dateOfBirth.value', 'string'), f('Person.dateOfBirth.precision', 'string')] }),
        f('Person.sex', 'object', { codeList: 'SEX', children: [f('Person.sex.code', 'string'), f('Person.sex.scheme', 'string')] }),
        f('Person.notes', 'string'),
      ],
    }),
    f('Event', 'object', {
      children: [f('Event.crimeReference', 'string'), f('Event.reported', 'date'), f('Event.attempted', 'boolean')],
    }),
  ],
};

/** A mapping with one Event rule (top level) and one Person rule looping over persons[]. */
export function sampleDocument(): MappingDocument {
  return {
    format: 'mapwright.mapping',
    formatVersion: 1,
    id: '5b0e0c8e-8d3b-4a8e-9d55-0f4d3c1f7a11',
    name: 'ACME crimes to POLE',
    version: '0.1.0',
    namespace: '1b671a64-40d5-491e-99b0-da01ff1f3341',
    sourceSystem: 'ACME-RMS',
    sources: [{ id: 's-main', name: 'crimes', format: 'json', primary: true, schema: sourceTree }],
    joins: [],
    target: { modelId: 'pole', modelVersion: '1.0.0' },
    filters: [],
    valueMaps: [
      {
        id: 'vm-sex',
        name: 'ACME sex',
        targetScheme: 'SEX',
        entries: [{ from: 'M', to: 'M', quality: 'exact' }],
        unmapped: { policy: 'default', value: 'U' },
        output: 'code',
      },
    ],
    root: { fields: [] },
    entities: [
      {
        id: 'r-event',
        entity: 'Event',
        fields: [{ id: 'r-event-ref', target: 'crimeReference', value: { id: 'n-1', kind: 'field', path: 'crimeRef' } }],
      },
      {
        id: 'r-person',
        entity: 'Person',
        forEach: { path: 'persons[]', as: 'person' },
        fields: [
          {
            id: 'r-person-family',
            target: 'names[0].family',
            value: { id: 'n-2', kind: 'call', fn: 'trim', args: [{ id: 'n-3', kind: 'field', path: 'surname' }] },
          },
          {
            id: 'r-person-sex',
            target: 'sex.code',
            value: { id: 'n-4', kind: 'map', valueMap: 'vm-sex', input: { id: 'n-5', kind: 'field', path: 'sex' } },
          },
          { id: 'r-person-notes', target: 'notes', value: { id: 'n-6', kind: 'field', scope: '$record', path: 'crimeRef' } },
        ],
      },
    ],
    links: [],
    layout: { nodes: { 'source:s-main': { x: 0, y: 0 }, 'r-person': { x: 700, y: 40 } }, comments: [] },
  };
}
