/**
 * Turns a target model's JSON Schema into the tree shape the projection reads: one top-level field
 * per entity (`Person`, `Event`, …), each holding that entity's fields.
 *
 * Built from `json-schema-tree` directly rather than `loadTargetModel`: the latter validates code
 * lists with ajv, which compiles validators with `new Function` — refused by the renderer's CSP
 * (no 'unsafe-eval'). The entity list comes from the same `x-mapwright` annotation.
 */
import type { FieldNode, FieldTree } from '../../../../mappings/model/field-tree';
import { schemaFields } from '../../../../mappings/model/json-schema-tree';

function prefixed(fields: FieldNode[], prefix: string): FieldNode[] {
  return fields.map((f) => ({ ...f, path: `${prefix}.${f.path}`, ...(f.children ? { children: prefixed(f.children, prefix) } : {}) }));
}

interface XMapwright {
  entities?: Record<string, { def: string; collection: string }>;
}

/** `{ Person: {names[], …}, Event: {…} }`; a flat target (no entities) keeps the document tree. */
export function modelToTargetTree(schema: unknown, documentTree: FieldTree): FieldTree {
  const root = (schema ?? {}) as Record<string, unknown>;
  const x = (typeof root['x-mapwright'] === 'object' && root['x-mapwright'] !== null ? root['x-mapwright'] : {}) as XMapwright;
  const entities = Object.entries(x.entities ?? {});
  if (!entities.length) return documentTree;
  return {
    id: documentTree.id,
    name: documentTree.name,
    origin: 'model',
    fields: entities.map(([name, e]) => ({
      path: name,
      name,
      type: 'object' as const,
      cardinality: 'many' as const,
      children: prefixed(schemaFields(root, e.def.replace(/^#/, '')).fields, name),
    })),
  };
}
