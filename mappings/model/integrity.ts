/**
 * Semantic checks on an output document that JSON Schema cannot express: every link points at
 * entities that exist, ids are unique, and a link role joins the kinds of entity it is defined for
 * (LINK_ROLE `attributes.from` / `attributes.to`).
 */
import { diag } from '../diagnostics/catalog';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { MODEL } from './codes';
import type { TargetModel } from './target-model';

interface DocShape {
  entities?: unknown;
  links?: unknown;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/**
 * Reports links whose `from`/`to` are not entity ids of the document (MW2020), duplicate entity or
 * link ids (MW2021) and, when a model with a link-role code list is given, links whose ends are the
 * wrong kind of entity for their role (MW2022). Locations carry a JSON Pointer and the field.
 *
 * @example checkReferentialIntegrity(doc).map((d) => d.message)
 * // ['Link Link:1: "to" refers to Event:9, which is not an entity in this document']
 */
export function checkReferentialIntegrity(
  doc: unknown,
  model?: TargetModel,
  options: { file?: string; record?: number } = {},
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const base = {
    ...(options.file ? { file: options.file } : {}),
    ...(options.record !== undefined ? { record: options.record } : {}),
  };
  const d = (typeof doc === 'object' && doc !== null ? doc : {}) as DocShape;
  const entities = Array.isArray(d.entities) ? d.entities : [];
  const links = Array.isArray(d.links) ? d.links : [];
  const types = new Map<string, string | undefined>();
  entities.forEach((e, i) => {
    const id = str((e as { id?: unknown })?.id);
    if (id === undefined) return;
    if (types.has(id))
      out.push(
        diag(MODEL.MW2021, { id, kind: 'entities' }, { ...base, pointer: `/entities/${i}/id`, field: 'entities[].id' }),
      );
    else types.set(id, str((e as { entityType?: unknown }).entityType));
  });
  const roles = model?.linkRoleScheme ? model.codeLists[model.linkRoleScheme] : undefined;
  const linkIds = new Set<string>();
  links.forEach((l, i) => {
    const link = (l ?? {}) as { id?: unknown; from?: unknown; to?: unknown; role?: { code?: unknown } };
    const id = str(link.id) ?? `#${i + 1}`;
    if (linkIds.has(id))
      out.push(diag(MODEL.MW2021, { id, kind: 'links' }, { ...base, pointer: `/links/${i}/id`, field: 'links[].id' }));
    linkIds.add(id);
    if (types.has(id))
      out.push(
        diag(
          MODEL.MW2021,
          { id, kind: 'records (an entity and a link)' },
          { ...base, pointer: `/links/${i}/id`, field: 'links[].id' },
        ),
      );
    const role = str(link.role?.code);
    const def = role && roles ? roles.codes.find((c) => c.code === role) : undefined;
    for (const end of ['from', 'to'] as const) {
      const target = str(link[end]);
      if (target === undefined) continue; // missing ends are schema errors, reported by the validator
      if (!types.has(target)) {
        out.push(
          diag(
            MODEL.MW2020,
            { link: id, end, id: target },
            { ...base, pointer: `/links/${i}/${end}`, field: `links[].${end}` },
          ),
        );
        continue;
      }
      const expected = def?.attributes?.[end];
      const actual = types.get(target);
      if (typeof expected === 'string' && actual !== expected) {
        out.push(
          diag(
            MODEL.MW2022,
            { link: id, role: role ?? '', end, expected, actual },
            { ...base, pointer: `/links/${i}/${end}`, field: `links[].${end}` },
          ),
        );
      }
    }
  });
  return out;
}
