import { describe, expect, it } from 'vitest';
import { allCodes } from '../diagnostics/catalog';
import { checkExpression } from './index';
import { TEST_SCOPE } from './__fixtures__/scope';

const check = (code: string) => checkExpression(code, TEST_SCOPE);
const messages = (code: string) => check(code).diagnostics.map((d) => `${d.code} ${d.location.line}:${d.location.column}-${d.location.endLine}:${d.location.endColumn} ${d.message}`);

describe('checkExpression: names and fields', () => {
  it('suggests the nearest field for a typo', () => {
    expect(messages('dob')).toEqual(['MW4201 1:1-1:4 Unknown field `dob` — did you mean `dateOfBirth`?']);
    expect(messages('zzz')).toEqual(['MW4201 1:1-1:4 Unknown field `zzz`']);
    expect(messages('dateOfBrith')).toEqual(['MW4201 1:1-1:12 Unknown field `dateOfBrith` — did you mean `dateOfBirth`?']);
    expect(messages('DATEOFBIRTH')[0]).toContain('did you mean `dateOfBirth`');
    expect(messages('person.surnme')).toEqual(['MW4202 1:8-1:14 `person` has no field `surnme` — did you mean `surname`?']);
    expect(messages('trm(name)')).toEqual(['MW4203 1:1-1:4 Unknown function `trm` — did you mean `trim`?']);
  });

  it('resolves variables before fields and reports field references with their scope', () => {
    const r = check('person.address.postcode + " " + $record.name + name + $["Crime ID"]');
    expect(r.diagnostics).toEqual([]);
    expect(r.fieldRefs).toEqual([
      { path: 'persons[].address.postcode', scope: 'person' },
      { path: 'name', scope: '$record' },
      { path: 'name', scope: '' },
      { path: 'Crime ID', scope: '' },
    ]);
  });

  it('follows field references through list indexes', () => {
    expect(check('$record.persons[0].surname + items[$index].code').fieldRefs).toEqual([
      { path: 'persons[].surname', scope: '$record' },
      { path: 'items[].code', scope: '' },
    ]);
    expect(check('items[0]').fieldRefs).toEqual([{ path: 'items', scope: '' }]);
  });

  it('types member access from the field tree', () => {
    expect(check('person.address').type.type).toBe('object');
    expect(check('items').type).toMatchObject({ type: 'array', item: { type: 'object' } });
    expect(check('items[0].qty').type.type).toBe('integer');
    expect(check('items.length').type.type).toBe('integer');
    expect(check('tags[$index]').type.type).toBe('string');
    expect(check('name.length').type.type).toBe('integer');
    expect(check('data.anything.goes').diagnostics).toEqual([]);
    expect(messages('count.x')).toEqual(['MW4304 1:7-1:8 A whole number has no property `x`']);
    expect(messages('items.code')).toEqual(['MW4304 1:7-1:11 A list of objects has no property `code`']);
  });

  it('reports a function used as a value and a value used as a function', () => {
    expect(messages('trim')).toEqual(['MW4204 1:1-1:5 `trim` is a function; call it as `trim(…)`']);
    expect(messages('name(1)')[0]).toContain('MW4205 1:1-1:5 `name` is a text value, not a function');
    expect(check('name.trim()').diagnostics[0].message).toContain('write `trim(…)`');
  });
});

describe('checkExpression: calls and types', () => {
  it('checks argument counts', () => {
    expect(messages('trim()')).toEqual(['MW4301 1:1-1:7 `trim` takes 1 argument(s) but was given 0']);
    expect(messages('padStart(name)')[0]).toContain('takes 2 to 3 argument(s) but was given 1');
    expect(check('coalesce()').diagnostics).toHaveLength(0);
    expect(messages('trim(name, name)')[0]).toContain('takes 1 argument(s) but was given 2');
  });

  it('checks argument types with hints', () => {
    expect(messages('round(name)')).toEqual([
      'MW4302 1:7-1:11 Argument 1 (`number`) of `round` must be a number, not text; use parseNumber() to read a number from text',
    ]);
    expect(messages('upper(items)')[0]).toContain('must be text, not a list of objects; pick a field of it');
    expect(check('upper(count)').diagnostics).toEqual([]); // numbers are accepted as text
    expect(check('upper(data)').diagnostics).toEqual([]); // any is accepted
    expect(check('upper(null)').diagnostics).toEqual([]);
  });

  it('checks operators', () => {
    expect(messages("amount - 'x'")).toEqual(['MW4303 1:10-1:13 `-` needs numbers, not text']);
    expect(messages('count < name')).toEqual(['MW4303 1:1-1:13 `<` needs two numbers or two texts, not a whole number and text']);
    expect(messages('-name')).toEqual(['MW4303 1:1-1:6 `-` needs a number, not text']);
    expect(messages('person + 1')[0]).toContain('MW4303');
    expect(check('count + 1').type.type).toBe('integer');
    expect(check('count / 2').type.type).toBe('number');
    expect(check("name + 1").type.type).toBe('string');
    expect(check('flag ? 1 : 2.5').type.type).toBe('number');
    expect(check("name ?? 'x'").type.type).toBe('string');
    expect(check('typeof data').type.type).toBe('string');
    expect(check('!flag && count > 1').type.type).toBe('boolean');
  });

  it('types function results, including object shapes', () => {
    expect(check('splitName(name).family').type.type).toBe('string');
    expect(check('splitName(name).given[0]').type.type).toBe('string');
    expect(messages('splitName(name).surname')[0]).toContain('`splitName(name)` has no field `surname`');
    expect(messages('splitName(name).familly')[0]).toContain('did you mean `family`');
    expect(check("partialDate(dateOfBirth).precision").type.type).toBe('string');
    expect(check('coalesce(name, dateOfBirth)').type.type).toBe('string');
    expect(check('{ value: name, n: count }.n').type.type).toBe('integer');
    expect(check('[1, 2.5]').type).toEqual({ type: 'array', item: { type: 'number' } });
  });

  it('validates literal date patterns at check time', () => {
    expect(messages("parseDate(dateOfBirth, 'dd/MM/yyyy')")).toEqual([]);
    expect(messages("parseDate(dateOfBirth, ['dd/MM/yyyy', 'dd/mm/yyyy'])")[0]).toContain('MW4404 1:39-1:51');
    expect(messages("parseDate(dateOfBirth, 'MM/yyyy')")[0]).toContain('full date needs');
    expect(messages('parseDate(dateOfBirth, k)')).toEqual([]); // dynamic patterns are checked at run time
  });

  it('lists the functions used', () => {
    expect(check('trim(upper(name)) + trim(name)').functionsUsed).toEqual(['trim', 'upper']);
  });
});

describe('checkExpression: syntax and locations', () => {
  it('locates syntax errors', () => {
    expect(messages('name +')).toEqual(['MW4001 1:7-undefined:undefined Syntax error: Unexpected token']);
    expect(messages("trim(name\n  + 'x'")[0]).toMatch(/^MW4001 2:/);
    expect(messages('')[0]).toContain('empty');
  });
  it('locates errors on later lines', () => {
    expect(messages("trim(\n  nmae\n)")).toEqual(['MW4201 2:3-2:7 Unknown field `nmae` — did you mean `name`?']);
  });
  it('accepts comments and parentheses', () => {
    expect(check('/* surname */ (name) // trailing').diagnostics).toEqual([]);
    expect(check('((count + 1) * 2)').type.type).toBe('integer');
  });
  it('registers every MW4 code in the catalogue', () => {
    const codes = allCodes().map((c) => c.code).filter((c) => c.startsWith('MW4'));
    expect(codes).toContain('MW4001');
    expect(codes).toContain('MW4903');
    expect(codes.length).toBeGreaterThan(25);
  });
});

describe('checkCall and compileCall (call value nodes)', () => {
  it('types and checks calls like expression calls', async () => {
    const { checkCall, compileCall } = await import('./index');
    expect(checkCall('round', [{ type: { type: 'string' } }]).diagnostics.map((d) => `${d.code} ${d.location.field}`)).toEqual(['MW4302 number']);
    expect(checkCall('splitName', [{ type: { type: 'string' } }]).type.fields?.map((f) => f.name)).toEqual(['title', 'given', 'family']);
    expect(checkCall('regexTest', [{ type: { type: 'string' } }, { type: { type: 'string' }, constant: '(a+)+' }]).diagnostics[0].code).toBe('MW4402');
    expect(checkCall('regexTest', [{ type: { type: 'string' } }, { type: { type: 'string' } }]).diagnostics[0].code).toBe('MW4401');
    expect(checkCall('parseDate', [{ type: { type: 'string' } }, { type: { type: 'array' }, constant: ['dd/MM/yyyy', 'qq'] }]).diagnostics[0].code).toBe('MW4404');
    expect(checkCall('trm', []).diagnostics[0].message).toContain('did you mean `trim`');
    expect(checkCall('coalesce', [{ type: { type: 'null' } }, { type: { type: 'integer' } }]).type.type).toBe('integer');
    expect(compileCall('pseudonymise', ['x'])).toBe('$fn["pseudonymise"]($ctx, x)');
    expect(compileCall('trim', ['a'], { fn: 'F' })).toBe('F["trim"](a)');
    expect(() => compileCall('constructor', [])).toThrow(/unknown function/);
  });
});
