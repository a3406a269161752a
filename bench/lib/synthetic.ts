/**
 * Synthetic mapping documents of a given size for the editing-latency benchmark: a flat supplier
 * source with one field per rule, and Object entity rules of ten field rules each (constants,
 * plain fields, library calls and an expression), so the checker and compiler see the usual mix.
 */
import type { FieldNode } from '../../mappings/model/field-tree';
import type { FieldRule, MappingDocument } from '../../mappings/document/index';
import { loadAcme } from './acme';

const TARGETS = ['description', 'notes', 'vrm', 'vin', 'make', 'model', 'brand', 'serialNumber', 'imei'] as const;

/** A valid mapping with exactly `rules` field rules (a multiple of 10). */
export function syntheticMapping(rules: number): MappingDocument {
  const { doc } = loadAcme();
  const entityCount = Math.ceil(rules / 10);
  const fields: FieldNode[] = [];
  const entities: MappingDocument['entities'] = [];
  for (let e = 0; e < entityCount; e++) {
    const rulesOut: FieldRule[] = [
      { id: `r-${e}-type`, target: 'objectType', value: { id: `n-${e}-type`, kind: 'object', fields: { code: { id: `n-${e}-type-code`, kind: 'const', value: 'PROPERTY' }, scheme: { id: `n-${e}-type-scheme`, kind: 'const', value: 'OBJECT_TYPE' } } } },
    ];
    TARGETS.forEach((target, t) => {
      const name = `f_${e}_${t}`;
      fields.push({ path: name, name, type: 'string', cardinality: 'optional' });
      const field = { id: `n-${e}-${t}-f`, kind: 'field' as const, path: name };
      const value =
        t % 3 === 0
          ? field
          : t % 3 === 1
            ? { id: `n-${e}-${t}-c`, kind: 'call' as const, fn: 'upper', args: [{ id: `n-${e}-${t}-t`, kind: 'call' as const, fn: 'trim', args: [field] }] }
            : { id: `n-${e}-${t}-x`, kind: 'expr' as const, code: `isEmpty(${name}) ? 'none' : lower(${name})` };
      rulesOut.push({ id: `r-${e}-${t}`, target, value });
    });
    entities.push({ id: `r-obj-${e}`, entity: 'Object', fields: rulesOut });
  }
  return {
    ...doc,
    id: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    name: `Synthetic mapping with ${rules} rules`,
    recordId: { id: 'n-rid', kind: 'field', path: 'f_0_0' },
    sources: [{ id: 's-flat', name: 'flat', format: 'csv', primary: true, schema: { id: 'source:flat', name: 'flat', origin: 'csv', fields } }],
    joins: [],
    filters: [],
    valueMaps: [],
    entities,
    links: [],
    layout: { nodes: {}, comments: [] },
  };
}
