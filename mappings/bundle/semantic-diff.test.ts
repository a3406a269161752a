import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMapping } from '../document/parse';
import type { EntityRule, MappingDocument, ValueNode } from '../document/types';
import { describeMapping } from './describe';
import { diffMappings, formatMappingDiff } from './semantic-diff';

const text = readFileSync(new URL('../examples/acme-rms/mapping.json', import.meta.url), 'utf8');
const load = (): MappingDocument => parseMapping(text).document!;

function renumber(v: ValueNode): void {
  v.id = `${v.id}-renumbered`;
  if ('input' in v) renumber(v.input);
  if (v.kind === 'call') v.args.forEach(renumber);
  if (v.kind === 'object') Object.values(v.fields).forEach(renumber);
}

describe('diffMappings', () => {
  it('ignores layout, node ids, field-rule ids and comments', () => {
    const b = load();
    b.layout.nodes = { moved: { x: 1, y: 2 } };
    for (const e of b.entities) for (const f of e.fields) {
      f.id = `${f.id}-new`;
      f.comment = 'reworded';
      renumber(f.value);
    }
    expect(diffMappings(load(), b).changes).toEqual([]);
  });

  it('reports exactly a remapped field, a changed value-map entry and an added rule', () => {
    const a = load();
    const b = load();
    const person = b.entities.find((e) => e.id === 'r-person')!;
    const sex = person.fields.find((f) => f.target === 'sex')!;
    (sex.value as Extract<ValueNode, { kind: 'map' }>).input = { id: 'n-gender', kind: 'field', path: 'gender' };
    b.valueMaps.find((m) => m.id === 'vm-sex')!.entries.find((e) => e.from === 'X')!.to = 'U';
    const rule: EntityRule = {
      id: 'r-trailer',
      entity: 'Object',
      label: 'Trailers',
      forEach: { path: 'trailers[]', as: 'trailer' },
      fields: [{ id: 'r-trailer-type', target: 'objectType', value: { id: 'n-t', kind: 'const', value: { code: 'VEHICLE', scheme: 'OBJECT_TYPE' } } }],
    };
    b.entities.push(rule);
    const diff = diffMappings(a, b);
    expect(formatMappingDiff(diff).slice(1)).toEqual([
      "~ value map vm-sex entry 'X' changed from I to U (used by Person.sex)",
      '~ Person.sex: source field changed from sex to gender',
      '+ rule r-trailer added: creates Object (Trailers) for each trailers[]',
    ]);
    expect(diff.changes.map((c) => [c.kind, c.area, c.id, c.subject])).toEqual([
      ['changed', 'valueMapEntry', 'vm-sex', 'X'],
      ['changed', 'field', 'r-person', 'Person.sex'],
      ['added', 'rule', 'r-trailer', undefined],
    ]);
  });

  it('reports filters, joins, value-map entries added and removed, and the target model version', () => {
    const a = load();
    const b = load();
    b.target.modelVersion = '1.1.0';
    b.filters = b.filters.slice(1);
    b.joins[0]!.cardinality = 'one';
    const vm = b.valueMaps.find((m) => m.id === 'vm-colour')!;
    vm.entries = vm.entries.filter((e) => e.from !== 'RED');
    vm.entries.push({ from: 'ZZZ', to: 'GREEN', quality: 'exact' });
    const lines = formatMappingDiff(diffMappings(a, b)).slice(1);
    expect(lines).toContain(`~ target model changed from pole ${a.target.modelVersion} to pole 1.1.0`);
    expect(lines).toContain(`- filter ${a.filters[0]!.id} removed (rejected "${a.filters[0]!.reason}")`);
    expect(lines).toContain(`~ join ${a.joins[0]!.id} cardinality changed from many to one`);
    expect(lines.some((l) => l.startsWith("- value map vm-colour entry 'RED' removed (was → RED)"))).toBe(true);
    expect(lines.some((l) => l.startsWith("+ value map vm-colour entry 'ZZZ' added: → GREEN (exact)"))).toBe(true);
    expect(lines).toHaveLength(5);
  });
});

describe('describeMapping', () => {
  it('says in words where a field comes from, through which value map', () => {
    const d = describeMapping(load());
    const sex = d.fields.find((f) => f.target === 'Person.sex')!;
    expect(sex.description).toBe(`The person's sex field, translated by the value map "Acme sex codes" (4 entries into SEX; values not in the list become "U")`);
    expect(sex.valueMaps).toEqual(['Acme sex codes']);
    expect(d.rules.find((r) => r.ruleId === 'r-person')!.text).toMatch(/^Creates a Person \("People on the crime"\) for each element of persons\[\] \(called person\)/);
  });
});
