import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { parseRecords, type SourceRecord } from './index';

const fixtures = join(import.meta.dirname, '..', 'schema', '__fixtures__');
const brief = (rs: SourceRecord[]) => rs.map((r) => ('value' in r ? r.value : { error: r.error.code, line: r.error.location.line, column: r.error.location.column }));

describe('XML reader', () => {
  it('reads record elements with attributes, namespaces, repeats and mixed content', () => {
    const text = readFileSync(join(fixtures, 'namespaces.xml'), 'utf8');
    const rs = parseRecords(text, { format: 'xml', recordPath: '/Export/Offence', repeated: ['Person[]'] });
    expect(brief(rs)).toEqual([
      {
        '@id': 'OF-1',
        '@status': 'open',
        Code: 'HO 28/1',
        Committed: '01/05/2024 22:10',
        Description: { b: 'rear', '#text': 'Entry via window' },
        Person: [
          { '@role': 'suspect', Surname: 'Hall', Alias: ['Hally', 'H'] },
          { '@role': 'victim', Surname: 'Ward' },
        ],
        Value: { '@currency': 'GBP', '#text': '1250.00' },
      },
      {
        '@id': 'OF-2',
        Code: 'HO 30/1',
        Committed: '02/05/2024 03:45',
        Description: 'No details',
        Person: [{ '@role': 'witness', Surname: 'King', Alias: null }],
        Value: { '@currency': 'GBP', '#text': '80' },
      },
    ]);
    expect(rs.map((r) => r.line)).toEqual([3, 11]);
  });

  it('matches record paths with wildcards, any depth and prefixes', () => {
    const text = '<a xmlns:p="urn:p"><b><p:r>1</p:r></b><c><r>2</r></c></a>';
    expect(brief(parseRecords(text, { format: 'xml', recordPath: '//r' }))).toEqual(['1', '2']);
    expect(brief(parseRecords(text, { format: 'xml', recordPath: '/a/*/p:r' }))).toEqual(['1']);
    expect(brief(parseRecords(text, { format: 'xml' }))).toEqual([{ r: '1' }, { r: '2' }]);
    const warnings: Diagnostic[] = [];
    expect(parseRecords(text, { format: 'xml', recordPath: '/a/zz', onDiagnostic: (d) => warnings.push(d) })).toEqual([]);
    expect(warnings.map((w) => w.code)).toEqual(['MW1044']);
  });

  it('locates well-formedness errors and stops', () => {
    const text = readFileSync(join(fixtures, 'malformed.xml'), 'utf8');
    const rs = parseRecords(text, { format: 'xml', recordPath: '/Export/Record', file: 'malformed.xml' });
    expect(brief(rs)).toEqual([{ Name: 'x' }, { error: 'MW1041', line: 7, column: 1 }]);
    expect((rs[1] as { error: Diagnostic }).error.message).toMatch(/unclosed tag/);
    const mismatch = parseRecords('<a>\n  <r><x>1</y></r>\n</a>', { format: 'xml' });
    expect(brief(mismatch)).toEqual([{ error: 'MW1041', line: 2, column: 13 }]);
  });

  it('refuses entity declarations: billion laughs and XXE are never expanded', () => {
    for (const f of ['billion-laughs.xml', 'xxe.xml']) {
      const text = readFileSync(join(fixtures, f), 'utf8');
      const before = process.memoryUsage().heapUsed;
      const rs = parseRecords(text, { format: 'xml', file: f });
      expect(brief(rs)).toEqual([{ error: 'MW1042', line: expect.any(Number), column: expect.any(Number) }]);
      expect(JSON.stringify(rs)).not.toMatch(/lollol|root:/);
      expect(process.memoryUsage().heapUsed - before).toBeLessThan(50 * 1024 * 1024);
    }
  });

  it('ignores a DOCTYPE without entities, with a warning', () => {
    const warnings: Diagnostic[] = [];
    const rs = parseRecords('<!DOCTYPE a SYSTEM "http://example.org/a.dtd"><a><r>1</r></a>', { format: 'xml', onDiagnostic: (d) => warnings.push(d) });
    expect(brief(rs)).toEqual(['1']);
    expect(warnings.map((w) => w.code)).toEqual(['MW1043']);
  });

  it('refuses absurdly deep records instead of overflowing the stack', () => {
    const text = `<a><r>${'<x>'.repeat(1000)}${'</x>'.repeat(1000)}</r></a>`;
    expect(brief(parseRecords(text, { format: 'xml' }))).toEqual([{ error: 'MW1045', line: 1, column: expect.any(Number) }]);
  });
});
