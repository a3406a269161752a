import { describe, expect, it } from 'vitest';
import { describeMapping } from '../../../mappings/bundle/describe';
import { documentToGraph } from '../editor/graph/projection';
import { sampleDocument, targetTree } from '../editor/__fixtures__/documents';
import { fieldRuleAt, rowForRule, rowPath } from './ReviewGraph';

describe('review graph ↔ mapping table', () => {
  const doc = sampleDocument();
  const rows = describeMapping(doc).fields;

  it('finds the table row of every value node that fills a field', () => {
    const values = documentToGraph(doc, undefined, targetTree).nodes.filter((n) => n.data.kind === 'value');
    expect(values.length).toBeGreaterThan(0);
    let found = 0;
    for (const n of values) {
      if (n.data.kind !== 'value') continue;
      const at = fieldRuleAt(doc, n.data.path);
      const insideField = n.data.path.includes('fields');
      expect(at !== null, `${n.id} at ${n.data.path.join('/')}`).toBe(insideField);
      if (!at) continue;
      const row = rowForRule(rows, at.ruleId, at.target);
      expect(row, `${at.ruleId} ${at.target}`).toBeDefined();
      found++;
    }
    expect(found).toBeGreaterThan(0);
  });

  it('names a row by the path the canvas uses for the target field', () => {
    for (const r of rows) {
      const rule = r.ruleId === 'root' ? doc.root : [...doc.entities, ...doc.links].find((e) => e.id === r.ruleId)!;
      const own = rule.fields.find((f) => r.target === f.target || r.target.endsWith(`.${f.target}`))!;
      expect(rowPath(r)).toBe(own.target.replace(/\[\d+\]/g, '[]'));
    }
    expect(rowPath({ ruleId: 'r-person', target: 'Person.names[0].family' })).toBe('names[].family');
    expect(rowPath({ ruleId: 'root', target: 'meta.source' })).toBe('meta.source');
  });

  it('does not attribute a rule-level value (when, key, role) to a field', () => {
    expect(fieldRuleAt(doc, ['entities', 0, 'when'])).toBeNull();
    expect(fieldRuleAt(doc, ['nowhere', 3])).toBeNull();
  });
});
