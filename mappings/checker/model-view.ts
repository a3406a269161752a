/**
 * The slice of a target model the checker needs, behind one small interface so the checker's
 * rules read plainly and tests can describe a tiny model in a few lines.
 */
import type { FieldNode, FieldTree } from '../model/field-tree';
import type { TargetModel } from '../model/target-model';

export interface ModelView {
  /** `pole@1.0.0` — for messages. */
  label: string;
  id: string;
  version: string;
  entityNames: string[];
  /** Field tree of one entity type (fields relative to the entity). */
  entity(name: string): FieldTree | undefined;
  /** Field tree of a Link, when the model has links. */
  link?: FieldTree;
  /** Field tree of the output document's root, for root rules. */
  root?: FieldTree;
  /** Codes of a code list (undefined when the scheme is unknown). */
  codes(scheme: string): ReadonlySet<string> | undefined;
  /** Entries of a crosswalk (undefined when unknown). */
  crosswalk(id: string): { fromScheme: string; toScheme: string; entries: { from: string; to: string }[] } | undefined;
  /** Code list the link role is drawn from (e.g. `LINK_ROLE`). */
  linkRoleScheme?: string;
}

/** Fields every entity and link gets from the engine; mapping rules never fill them. */
export const ENGINE_FIELDS = new Set(['id', 'entityType', 'provenance']);
/** Link fields a link rule fills through its own `from`, `to` and `role`. */
export const LINK_RULE_FIELDS = new Set(['from', 'to', 'role']);

/** The checker's view of a loaded target model. */
export function viewOfModel(model: TargetModel): ModelView {
  const tree = (name: string, fields: FieldNode[]): FieldTree => ({ id: `model:${model.id}@${model.version}#${name}`, name, origin: 'model', fields });
  const entities = new Map(model.entities.map((e) => [e.name, tree(e.name, e.tree)]));
  const codeSets = new Map<string, ReadonlySet<string>>();
  return {
    label: `${model.id}@${model.version}`,
    id: model.id,
    version: model.version,
    entityNames: model.entities.map((e) => e.name),
    entity: (name) => entities.get(name),
    ...(model.links ? { link: tree('Link', model.links.tree) } : {}),
    root: model.tree,
    codes(scheme) {
      const list = model.codeLists[scheme];
      if (!list) return undefined;
      let set = codeSets.get(scheme);
      if (!set) codeSets.set(scheme, (set = new Set(list.codes.map((c) => c.code))));
      return set;
    },
    crosswalk: (id) => model.crosswalks[id],
    ...(model.linkRoleScheme ? { linkRoleScheme: model.linkRoleScheme } : {}),
  };
}
