/**
 * A mapping for the Acme vehicle table (vehicles.csv) as the primary source, so the 1 GB CSV of the
 * scale benchmark is in the supplier's real CSV shape. Derived from the example mapping (same source
 * schema, colour value map and vehicle-row rules) rather than written out again by hand.
 */
import type { MappingDocument } from '../../mappings/document/index';
import { loadAcme } from './acme';

export function vehicleTableMapping(): MappingDocument {
  const { doc } = loadAcme();
  const source = doc.sources.find((s) => s.id === 's-vehicles')!;
  const row = doc.entities.find((e) => e.id === 'r-vehicle-row')!;
  const crimeRef = { id: 'n-crime-ref', kind: 'field', path: '["Crime Ref"]' } as const;
  return {
    ...doc,
    id: '0b6a2d4e-5f70-4a8b-9c1d-2e3f4a5b6c7d',
    name: 'Acme vehicle table → POLE v1 (bench)',
    description: 'Benchmark mapping: the Acme vehicle table as the primary source.',
    recordId: crimeRef,
    sources: [{ ...source, primary: true }],
    joins: [],
    filters: [],
    valueMaps: doc.valueMaps.filter((m) => m.id === 'vm-colour'),
    entities: [
      {
        id: 'r-event',
        entity: 'Event',
        key: [{ id: 'n-upper', kind: 'call', fn: 'upper', args: [{ id: 'n-trim', kind: 'call', fn: 'trim', args: [{ ...crimeRef, id: 'n-crime-ref-key' }] }] }],
        fields: [
          { id: 'r-event-type', target: 'eventType', value: { id: 'n-event-type', kind: 'object', fields: { code: { id: 'n-et-code', kind: 'const', value: 'OFFENCE' }, scheme: { id: 'n-et-scheme', kind: 'const', value: 'EVENT_TYPE' } } } },
          {
            id: 'r-event-force',
            target: 'owningOrganisation',
            value: { id: 'n-force', kind: 'object', fields: { code: { id: 'n-force-code', kind: 'const', value: 'kent' }, scheme: { id: 'n-force-scheme', kind: 'const', value: 'FORCE' }, label: { id: 'n-force-label', kind: 'const', value: 'Kent Police' } } },
          },
          {
            id: 'r-event-category',
            target: 'category',
            value: { id: 'n-category', kind: 'object', fields: { code: { id: 'n-category-code', kind: 'const', value: 'vehicle-crime' }, scheme: { id: 'n-category-scheme', kind: 'const', value: 'POLICE_UK_CATEGORY' } } },
          },
          { id: 'r-event-ref', target: 'crimeReference', value: { id: 'n-upper-2', kind: 'call', fn: 'upper', args: [{ id: 'n-trim-2', kind: 'call', fn: 'trim', args: [{ ...crimeRef, id: 'n-crime-ref-2' }] }] } },
        ],
      },
      { ...row, forEach: undefined, when: undefined },
    ].map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined))) as MappingDocument['entities'],
    links: [{ id: 'r-link-vehicle', role: { id: 'n-used-in', kind: 'const', value: 'USED_IN' }, from: 'r-vehicle-row', to: 'r-event', fields: [] }],
    layout: { nodes: {}, comments: [] },
  };
}
