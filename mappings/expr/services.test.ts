import { describe, expect, it } from 'vitest';
import { completions, hover, signatureHelp } from './index';
import { TEST_SCOPE } from './__fixtures__/scope';

const at = (code: string) => {
  const offset = code.indexOf('|');
  return { code: code.replace('|', ''), offset };
};
const labels = (src: string) => {
  const { code, offset } = at(src);
  return completions(code, offset, TEST_SCOPE).map((c) => c.label);
};

describe('completions', () => {
  it('offers the fields of an object-typed path after a dot', () => {
    expect(labels('person.|')).toEqual(['surname', 'forenames', 'dateOfBirth', 'age', 'address']);
    expect(labels('person.address.p|')).toEqual(['postcode']);
    expect(labels('trim(person.address?.t|')).toEqual(['town']);
    expect(labels('items[0].|')).toEqual(['code', 'qty']);
    expect(labels('splitName(name).|')).toEqual(['title', 'given', 'family']);
    expect(labels('tags.|')).toEqual(['length']);
    expect(labels('count.|')).toEqual([]);
    expect(labels('1.|')).toContain('trim'); // a decimal point is not member access
  });

  it('quotes awkward field names', () => {
    const { code, offset } = at('$.Cri|');
    const [item] = completions(code, offset, TEST_SCOPE);
    expect(item.insertText).toBe('["Crime ID"]');
    expect(item.replaceRange).toEqual({ startLine: 1, startColumn: 2, endLine: 1, endColumn: 6 });
    const { code: c2, offset: o2 } = at('Cri|');
    expect(completions(c2, o2, TEST_SCOPE).find((c) => c.label === 'Crime ID')?.insertText).toBe('$["Crime ID"]');
  });

  it('offers variables, fields, functions and keywords by prefix, with a replace range over the word', () => {
    const { code, offset } = at('upper(da|teOf)');
    const items = completions(code, offset, TEST_SCOPE);
    expect(items.map((i) => `${i.kind}:${i.label}`)).toEqual(['field:dateOfBirth', 'field:data', 'function:daysBetween', 'function:dateOnly']);
    expect(items[0].replaceRange).toEqual({ startLine: 1, startColumn: 7, endLine: 1, endColumn: 13 });
    const fn = items.find((i) => i.label === 'dateOnly')!;
    expect(fn.insertText).toBe('dateOnly(');
    expect(fn.detail).toBe('dateOnly(isoDateTime: string): date');
    expect(fn.documentation).toContain('**Examples**');
    expect(labels('|')).toEqual(expect.arrayContaining(['$', 'person', '$record', '$index', 'name', 'trim', 'true', 'null']));
    expect(labels('$r|')).toEqual(['$record']);
  });

  it('offers nothing inside strings', () => {
    expect(labels("trim('na|')")).toEqual([]);
  });
});

describe('hover', () => {
  it('documents functions with examples', () => {
    const h = hover('normalisePostcode(person.address.postcode)', 3, TEST_SCOPE)!;
    expect(h.markdown).toContain('normalisePostcode(text: string): string');
    expect(h.markdown).toContain("`normalisePostcode(' sw1a1aa ')` → `\"SW1A 1AA\"`");
    expect(h.range).toEqual({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 18 });
  });
  it('describes fields with type, path, format, protection and doc', () => {
    const code = 'person.dateOfBirth + name';
    const h = hover(code, code.indexOf('dateOfBirth') + 2, TEST_SCOPE)!;
    expect(h.markdown).toContain('**dateOfBirth** — text, optional');
    expect(h.markdown).toContain('`person: persons[].dateOfBirth`');
    expect(h.markdown).toContain('dd/MM/yyyy');
    expect(h.markdown).toContain('Data protection: personal');
    const n = hover(code, code.length - 1, TEST_SCOPE)!;
    expect(n.markdown).toContain('Full name');
    expect(n.markdown).toContain('"SMITH, John"');
  });
  it('describes variables and returns null elsewhere', () => {
    expect(hover('person', 1, TEST_SCOPE)!.markdown).toContain('The current person (loop variable)');
    expect(hover('1 + 2', 2, TEST_SCOPE)).toBeNull();
    expect(hover('trim(', 1, TEST_SCOPE)).toBeNull();
  });
});

describe('signatureHelp', () => {
  it('finds the enclosing library call and the active parameter', () => {
    const { code, offset } = at("padStart(name, 5, |'0')");
    const s = signatureHelp(code, offset, TEST_SCOPE)!;
    expect(s.label).toBe('padStart(text: string, width: integer, fill?: string): string');
    expect(s.activeParameter).toBe(2);
    expect(s.parameters.map((p) => p.label)).toEqual(['text: string', 'width: integer', 'fill?: string']);
  });
  it('skips nested calls, lists and strings', () => {
    const { code, offset } = at("parseDate(trim(name), ['a, b', 'c'], |");
    expect(signatureHelp(code, offset, TEST_SCOPE)!.activeParameter).toBe(2);
    const inner = at('parseDate(trim(|');
    expect(signatureHelp(inner.code, inner.offset, TEST_SCOPE)!.label).toMatch(/^trim\(/);
    const variadic = at('concat(a, b, c, |');
    expect(signatureHelp(variadic.code, variadic.offset, TEST_SCOPE)!.activeParameter).toBe(0);
  });
  it('returns null outside calls and for methods', () => {
    expect(signatureHelp('name + 1', 3, TEST_SCOPE)).toBeNull();
    expect(signatureHelp('name.trim(', 10, TEST_SCOPE)).toBeNull();
    expect(signatureHelp('[1, ', 4, TEST_SCOPE)).toBeNull();
  });
});
