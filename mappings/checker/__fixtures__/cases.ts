/**
 * The golden cases: the clean document with one thing broken each. `make.ts` writes each case's
 * `mapping.json` (and `samples.json`); the expected diagnostics are reviewed by hand and checked in.
 * Regenerate expectations with `UPDATE_GOLDEN=1 npx vitest run mappings/checker/golden.test.ts`.
 */
import type { MappingDocument, ValueNode } from '../../document/types';
import { cleanDoc, cleanSamples } from './test-doc';

export interface GoldenCase {
  name: string;
  build(): { doc: MappingDocument; samples?: Record<string, unknown[]> };
}

const entity = (doc: MappingDocument, id: string) => doc.entities.find((e) => e.id === id)!;
const field = (doc: MappingDocument, ruleId: string, fieldId: string) => entity(doc, ruleId).fields.find((f) => f.id === fieldId)!;
const edit = (fn: (doc: MappingDocument) => void) => () => {
  const doc = cleanDoc();
  fn(doc);
  return { doc };
};
const withSamples = (fn: (doc: MappingDocument, samples: Record<string, unknown[]>) => void) => () => {
  const doc = cleanDoc();
  const samples = cleanSamples();
  fn(doc, samples);
  return { doc, samples };
};

export const CASES: GoldenCase[] = [
  { name: 'clean', build: edit(() => {}) },
  {
    name: 'unknown-source-field',
    build: edit((d) => {
      (field(d, 'r-person', 'r-p-dob').value as ValueNode & { kind: 'call' }).args[0] = { id: 'n-p-dob-in', kind: 'field', path: 'dbo' };
      field(d, 'r-event', 'r-ev-ref').value = { id: 'n-ev-ref', kind: 'field', path: 'surname' };
      field(d, 'r-vehicle', 'r-v-make').value = { id: 'n-v-make', kind: 'field', path: 'persons.surname', scope: '$record' };
    }),
  },
  {
    name: 'unknown-scope',
    build: edit((d) => {
      field(d, 'r-vehicle', 'r-v-make').value = { id: 'n-v-make', kind: 'field', path: 'surname', scope: 'person' };
    }),
  },
  {
    name: 'bad-loop',
    build: edit((d) => {
      entity(d, 'r-person').forEach = { path: 'crimeRef', as: 'person' };
      entity(d, 'r-vehicle').forEach = { path: 'vehicels[]', as: 'vehicle' };
    }),
  },
  {
    name: 'primary-sources',
    build: edit((d) => {
      d.sources[1].primary = true;
    }),
  },
  {
    name: 'model-mismatch',
    build: edit((d) => {
      d.target = { modelId: 'pole', modelVersion: '0.9.0' };
    }),
  },
  {
    name: 'unknown-target',
    build: edit((d) => {
      entity(d, 'r-vehicle').entity = 'Objetc';
      field(d, 'r-event', 'r-ev-ref').target = 'crimeReferense';
      field(d, 'r-person', 'r-p-family').target = 'names[0].famly';
    }),
  },
  {
    name: 'duplicate-assignment-and-engine-field',
    build: edit((d) => {
      entity(d, 'r-event').fields.push(
        { id: 'r-ev-ref2', target: 'crimeReference', value: { id: 'n-ev-ref2', kind: 'const', value: 'X' } },
        { id: 'r-ev-id', target: 'id', value: { id: 'n-ev-id', kind: 'field', path: 'crimeRef' } },
      );
    }),
  },
  {
    name: 'type-mismatch',
    build: edit((d) => {
      // object into string; string into a Coded object; a list into a string
      field(d, 'r-event', 'r-ev-ref').value = { id: 'n-ev-ref', kind: 'call', fn: 'bngToWgs84', args: [{ id: 'n-e', kind: 'field', path: 'easting' }, { id: 'n-n', kind: 'field', path: 'northing' }] };
      field(d, 'r-person', 'r-p-sex').value = { id: 'n-p-sex', kind: 'field', path: 'sex' };
      entity(d, 'r-event').fields.push({ id: 'r-ev-sum', target: 'summary', value: { id: 'n-ev-sum', kind: 'call', fn: 'split', args: [{ id: 'n-ev-sum-in', kind: 'field', path: 'value' }, { id: 'n-ev-sum-sep', kind: 'const', value: ',' }] } });
    }),
  },
  {
    name: 'needs-conversion',
    build: edit((d) => {
      entity(d, 'r-vehicle').fields.push({ id: 'r-v-year', target: 'yearOfManufacture', value: { id: 'n-v-year', kind: 'field', path: 'make' } });
      entity(d, 'r-event').fields.push({ id: 'r-ev-att', target: 'attempted', value: { id: 'n-ev-att', kind: 'field', path: 'offenceCode' } });
    }),
  },
  {
    name: 'argument-type',
    build: edit((d) => {
      field(d, 'r-vehicle', 'r-v-vrm').value = { id: 'n-v-vrm', kind: 'call', fn: 'normaliseVrm', args: [{ id: 'n-v-vrm-in', kind: 'call', fn: 'bngToWgs84', args: [{ id: 'n-e', kind: 'const', value: 1 }, { id: 'n-n', kind: 'const', value: 2 }] }] };
    }),
  },
  {
    name: 'cardinality',
    build: edit((d) => {
      field(d, 'r-event', 'r-ev-ref').value = { id: 'n-ev-ref', kind: 'field', path: 'persons[].surname' };
      field(d, 'r-event', 'r-ev-notes').value = { id: 'n-ev-notes', kind: 'field', path: 'notes[]' };
      field(d, 'r-vehicle', 'r-v-make').value = { id: 'n-v-make', kind: 'aggregate', op: 'first', input: { id: 'n-v-make-in', kind: 'field', path: 'make' } };
      entity(d, 'r-person').key = [{ id: 'n-p-key1', kind: 'field', path: 'aliases[].name' }];
    }),
  },
  {
    name: 'required-unmapped',
    build: edit((d) => {
      const ev = entity(d, 'r-event');
      ev.fields = ev.fields.filter((f) => f.id !== 'r-ev-org');
      field(d, 'r-vehicle', 'r-v-type').value = { id: 'n-v-type', kind: 'object', fields: { code: { id: 'n-v-type-c', kind: 'const', value: 'VEHICLE' } } };
    }),
  },
  {
    name: 'value-map-gaps',
    build: withSamples(() => {}),
  },
  {
    name: 'value-map-problems',
    build: edit((d) => {
      const sex = d.valueMaps[0];
      sex.entries.push({ from: 'm', to: 'MALE', quality: 'exact' }, { from: 'X', to: 'I', quality: 'lossy' });
      sex.unmapped = { policy: 'default', value: 'UNK' };
      d.valueMaps.push(
        { id: 'vm-eth', name: 'Ethnicity', targetScheme: 'SDE_18_2', crosswalk: 'SDE_16_1-to-SDE_19_1', entries: [], unmapped: { policy: 'passthrough' }, output: 'coded' },
        { id: 'vm-unused', name: 'Unused map', targetScheme: 'SEX', entries: [], unmapped: { policy: 'reject' }, output: 'code' },
      );
      entity(d, 'r-person').fields.push({ id: 'r-p-eth', target: 'ethnicitySelfDefined', value: { id: 'n-p-eth', kind: 'map', valueMap: 'vm-eth', input: { id: 'n-p-eth-in', kind: 'const', value: 'W1' } } });
      field(d, 'r-vehicle', 'r-v-make').value = { id: 'n-v-make', kind: 'map', valueMap: 'vm-makes', input: { id: 'n-v-make-in', kind: 'field', path: 'make' } };
    }),
  },
  {
    name: 'value-map-shape-and-scheme',
    build: edit((d) => {
      d.valueMaps[0].output = 'code';
      entity(d, 'r-event').fields.push({ id: 'r-ev-cat', target: 'category', value: { id: 'n-ev-cat', kind: 'map', valueMap: 'vm-sex', input: { id: 'n-ev-cat-in', kind: 'field', path: 'offenceCode' } } });
      d.links[0].role = { id: 'n-l-role', kind: 'map', valueMap: 'vm-sex', input: { id: 'n-l-role-in', kind: 'field', path: 'role' } };
    }),
  },
  {
    name: 'functions',
    build: edit((d) => {
      field(d, 'r-person', 'r-p-family').value = { id: 'n-p-family', kind: 'call', fn: 'titlecase', args: [{ id: 'n-p-trim', kind: 'call', fn: 'trim', args: [] }] };
      field(d, 'r-vehicle', 'r-v-vrm').value = { id: 'n-v-vrm', kind: 'call', fn: 'normaliseVrm', args: [{ id: 'a1', kind: 'field', path: 'vrm' }, { id: 'a2', kind: 'field', path: 'make' }] };
    }),
  },
  {
    name: 'expressions',
    build: edit((d) => {
      field(d, 'r-person', 'r-p-family').value = { id: 'n-p-family', kind: 'expr', code: 'titleCase(trim(surnme))' };
      field(d, 'r-vehicle', 'r-v-make').value = { id: 'n-v-make', kind: 'expr', code: 'upper(make) +\n  constructor' };
      d.filters[0].when = { id: 'n-has-ref', kind: 'expr', code: '!isEmpty(crimeRef' };
    }),
  },
  {
    name: 'links',
    build: edit((d) => {
      d.links[0].from = 'r-persn';
      d.links[1].parent = undefined;
      d.links[1].role = { id: 'n-l-stolen', kind: 'const', value: 'STOLEN' };
      d.links.push({ id: 'r-l-loops', from: 'r-person', to: 'r-vehicle', parent: 'r-person', role: { id: 'n-l-assoc', kind: 'const', value: 'ASSOCIATED_WITH' }, fields: [] });
    }),
  },
  {
    name: 'parents',
    build: edit((d) => {
      entity(d, 'r-vehicle').parent = 'r-evnt';
      d.entities.push(
        { id: 'r-a', entity: 'Location', parent: 'r-b', fields: [{ id: 'r-a-t', target: 'locationType', value: { id: 'n-a-t', kind: 'object', fields: { code: { id: 'n-a-c', kind: 'const', value: 'POINT' }, scheme: { id: 'n-a-s', kind: 'const', value: 'LOCATION_TYPE' } } } }] },
        { id: 'r-b', entity: 'Location', parent: 'r-a', fields: [{ id: 'r-b-t', target: 'locationType', value: { id: 'n-b-t', kind: 'object', fields: { code: { id: 'n-b-c', kind: 'const', value: 'POINT' }, scheme: { id: 'n-b-s', kind: 'const', value: 'LOCATION_TYPE' } } } }] },
      );
    }),
  },
  {
    name: 'unreachable',
    build: edit((d) => {
      entity(d, 'r-vehicle').when = { id: 'n-v-when', kind: 'const', value: false };
      field(d, 'r-event', 'r-ev-ref').value = {
        id: 'n-ev-ref',
        kind: 'cond',
        branches: [
          { when: { id: 'n-b1w', kind: 'expr', code: 'false' }, then: { id: 'n-b1t', kind: 'const', value: 'never' } },
          { when: { id: 'n-b2w', kind: 'const', value: true }, then: { id: 'n-b2t', kind: 'field', path: 'crimeRef' } },
          { when: { id: 'n-b3w', kind: 'field', path: 'offenceCode' }, then: { id: 'n-b3t', kind: 'const', value: 'late' } },
        ],
        else: { id: 'n-else', kind: 'const', value: 'fallback' },
      };
    }),
  },
  {
    name: 'joins',
    build: withSamples((d, s) => {
      d.joins[0].on[0].primary = { id: 'n-jk', kind: 'call', fn: 'lower', args: [{ id: 'n-jk-in', kind: 'field', path: 'crimeRef' }] };
      d.joins.push(
        { id: 'j-bad', source: 's-off', as: 'crimeRef', on: [{ primary: { id: 'n-jk2', kind: 'field', path: 'crimeRef' }, foreign: 'crimeref' }], cardinality: 'one' },
      );
      void s;
    }),
  },
  {
    name: 'filters',
    build: withSamples((d) => {
      d.filters.push(
        { id: 'r-f-const', when: { id: 'n-f-const', kind: 'const', value: false }, reason: 'Switched off' },
        { id: 'r-f-all', when: { id: 'n-f-all', kind: 'call', fn: 'startsWith', args: [{ id: 'n-f-all-in', kind: 'field', path: 'crimeRef' }, { id: 'n-f-all-p', kind: 'const', value: 'XX' }] }, reason: 'Only XX references' },
      );
    }),
  },
  {
    name: 'constant-codes',
    build: edit((d) => {
      const ev = entity(d, 'r-event');
      ((ev.fields[0].value as ValueNode & { kind: 'object' }).fields.code as ValueNode & { kind: 'const' }).value = 'OFENCE';
      ((ev.fields[1].value as ValueNode & { kind: 'object' }).fields.scheme as ValueNode & { kind: 'const' }).value = 'SEX';
      d.links[1].role = {
        id: 'n-l-stolen',
        kind: 'cond',
        branches: [{ when: { id: 'n-l-w', kind: 'field', path: 'make' }, then: { id: 'n-l-t', kind: 'const', value: 'STOLEN' } }],
        else: { id: 'n-l-e', kind: 'const', value: 'USED_IN' },
      };
    }),
  },
  {
    name: 'duplicate-ids',
    build: edit((d) => {
      entity(d, 'r-vehicle').id = 'r-person';
      field(d, 'r-event', 'r-ev-ref').value = { id: 'n-ev-type-c', kind: 'field', path: 'crimeRef' };
    }),
  },
];
