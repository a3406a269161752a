/**
 * A large mapping for the canvas benchmark: one flat supplier source of `sourceFields` fields and
 * `entities` Object entity rules of ten field rules each (500 target fields at the default 50), wired
 * so the projection draws 20 connections per entity (1,000 at the default size):
 *   objectType ← a constant node                     1 connection
 *   2 targets  ← a field read                        2
 *   4 targets  ← upper(field)                        8
 *   3 targets  ← concat(field, field)                9
 * 12 distinct source fields per entity are read, spread over the whole source so connections run to
 * rows all along the (virtualised) field list, as in a real wide export. Every node has a saved
 * position, and the saved viewport (zoom 0.1) has the whole graph in view — every node mounted, the
 * heaviest first render (the canvas mounts only visible elements).
 */
import type { FieldNode } from '../../mappings/model/field-tree';
import type { FieldRule, MappingDocument, ValueNode } from '../../mappings/document/index';
import { loadAcme } from './acme';

const TARGETS = ['description', 'notes', 'vrm', 'vin', 'make', 'model', 'brand', 'serialNumber', 'imei'] as const;
export const CANVAS_SOURCE_ID = 's-wide';

export interface CanvasDocSize {
  sourceFields: number;
  entities: number;
}

/** The document, plus the counts the projection should draw (checked by the harness). */
export function canvasMapping({ sourceFields, entities }: CanvasDocSize): { doc: MappingDocument; targetRules: number; valueNodes: number; connections: number } {
  const { doc } = loadAcme();
  const fields: FieldNode[] = [];
  for (let i = 0; i < sourceFields; i++) {
    const name = `col_${String(i).padStart(4, '0')}`;
    fields.push({ path: name, name, type: 'string', cardinality: 'optional' });
  }
  // Spread reads over the source: entity e reads fields e*step, e*step+1, … (wrapping).
  const step = Math.max(12, Math.floor(sourceFields / entities));
  let valueNodes = 0;
  let connections = 0;
  const layout: MappingDocument['layout']['nodes'] = { [`source:${CANVAS_SOURCE_ID}`]: { x: 0, y: 0 } };
  const cols = 8;
  const rulesOut: MappingDocument['entities'] = [];
  for (let e = 0; e < entities; e++) {
    let k = 0;
    const read = (): ValueNode => ({ id: `n-${e}-f${k}`, kind: 'field', path: fields[(e * step + k++) % sourceFields].path });
    const ex = 1100 + (e % cols) * 900;
    const ey = Math.floor(e / cols) * 620;
    layout[`r-obj-${e}`] = { x: ex, y: ey };
    const valueAt = (id: string, slot: number) => {
      layout[id] = { x: ex - 330, y: ey + slot * 68 };
      valueNodes++;
    };
    const rules: FieldRule[] = [];
    valueAt(`n-${e}-type`, 0);
    rules.push({ id: `r-${e}-type`, target: 'objectType.code', value: { id: `n-${e}-type`, kind: 'const', value: 'PROPERTY' } });
    connections += 1;
    TARGETS.forEach((target, t) => {
      let value: ValueNode;
      if (t < 2) {
        value = read();
        connections += 1;
      } else if (t < 6) {
        value = { id: `n-${e}-${t}-upper`, kind: 'call', fn: 'upper', args: [read()] };
        valueAt(value.id, t - 1);
        connections += 2;
      } else {
        value = { id: `n-${e}-${t}-concat`, kind: 'call', fn: 'concat', args: [read(), read()] };
        valueAt(value.id, t - 1);
        connections += 3;
      }
      rules.push({ id: `r-${e}-${t}`, target, value });
    });
    rulesOut.push({ id: `r-obj-${e}`, entity: 'Object', fields: rules });
  }
  const document: MappingDocument = {
    ...doc,
    name: `Canvas benchmark: ${sourceFields} source fields, ${entities * 10} target fields`,
    recordId: { id: 'n-rid', kind: 'field', path: fields[0].path },
    sources: [{ id: CANVAS_SOURCE_ID, name: 'wide export', format: 'csv', primary: true, schema: { id: `source:${CANVAS_SOURCE_ID}`, name: 'wide export', origin: 'csv', fields } }],
    joins: [],
    filters: [],
    valueMaps: [],
    entities: rulesOut,
    links: [],
    layout: { nodes: layout, viewport: { x: 20, y: 20, zoom: 0.1 }, comments: [] },
  };
  return { doc: document, targetRules: entities * 10, valueNodes, connections };
}
