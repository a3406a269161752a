/**
 * A hypothetical POLE v1.1.0, built from v1.0.0 with a known list of changes, to test diffModels.
 * Each change below is asserted in diff.test.ts.
 */
import { getModel, loadTargetModel, type CodeList, type TargetModel } from '../index';

export function hypotheticalPoleV1_1(): TargetModel {
  const v1 = getModel('pole', '1.0.0');
  const schema = structuredClone(v1.schema) as { $defs: Record<string, { properties: Record<string, unknown>; required?: string[]; allOf?: unknown[] }> } & Record<string, unknown>;
  const defs = schema.$defs;
  // added: Person.placeOfBirth
  defs.Person.properties.placeOfBirth = { type: 'string', description: 'Town of birth.', 'x-data-protection': 'personal' };
  // retyped (cardinality): Person.sex becomes required
  defs.Person.required = [...(defs.Person.required ?? []), 'sex'];
  // removed: Event.asbCategory (declared in the ASB then-block)
  for (const block of defs.Event.allOf as { then: { properties?: Record<string, unknown> } }[]) delete block.then.properties?.asbCategory;
  // retyped (type): Object.yearOfManufacture integer → string
  for (const block of defs.Object.allOf as { then: { properties?: Record<string, { type?: string }> } }[]) {
    const y = block.then.properties?.yearOfManufacture;
    if (y) Object.assign(y, { type: 'string', pattern: '^\\d{4}$' });
  }
  // retyped (format): Provenance.extractedAt date-time → date
  (defs.Provenance.properties.extractedAt as { format: string }).format = 'date';

  const lists = structuredClone(Object.values(v1.codeLists)) as CodeList[];
  const byScheme = (s: string) => lists.find((l) => l.scheme === s)!;
  byScheme('SEX').codes.push({ code: 'X', label: 'Not specified' });
  byScheme('SEX').version = '1.1.0';
  byScheme('POLICE_UK_OUTCOME').codes.find((c) => c.code === 'status-update-unavailable')!.deprecated = true;
  byScheme('FORCE').codes.find((c) => c.code === 'hampshire')!.label = 'Hampshire & Isle of Wight Constabulary';
  const ic = byScheme('IC_6_1');
  ic.codes = ic.codes.filter((c) => c.code !== 'IC0');
  lists.push({ scheme: 'ASB_CATEGORY', version: '1.0.0', name: 'ASB category', description: 'Kinds of anti-social behaviour.', source: { title: 'Home Office ASB categories', url: 'https://www.gov.uk/' }, codes: [{ code: 'PERSONAL', label: 'Personal' }, { code: 'NUISANCE', label: 'Nuisance' }, { code: 'ENVIRONMENTAL', label: 'Environmental' }] });
  const crosswalks = Object.values(v1.crosswalks).map((w) => (w.fromScheme === 'IC_6_1' ? { ...w, entries: w.entries.filter((e) => e.from !== 'IC0') } : w));
  const { model } = loadTargetModel(schema, { version: '1.1.0', codeLists: lists, crosswalks });
  return model;
}
