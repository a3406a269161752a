import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findField } from '../model/field-tree';
import { xsdToFieldTree } from './xsd';

const dir = join(import.meta.dirname, '__fixtures__');
const read = (f: string) => readFileSync(join(dir, f), 'utf8');
const xsd = (body: string) => `<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n${body}\n</xs:schema>`;

describe('XSD import', () => {
  it('resolves includes, choice members become optional, unbounded becomes many', () => {
    const { tree, diagnostics } = xsdToFieldTree({ 'offence.xsd': read('offence.xsd'), 'common.xsd': read('common.xsd') });
    expect(diagnostics.map((d) => d.code)).toEqual(['MW1304']);
    const f = (p: string) => findField(tree.fields, p);
    expect(f('Address')).toMatchObject({ cardinality: 'optional', type: 'object' });
    expect(f('GridRef')).toMatchObject({ cardinality: 'optional' });
    expect(f('Person[]')).toMatchObject({ cardinality: 'many', type: 'array', itemType: 'object', minOccurs: 0 });
    expect(f('Person[].Forename[]')).toMatchObject({ maxOccurs: 3, minOccurs: 1 });
    expect(f('Person[].@role')).toMatchObject({ cardinality: 'one', enum: ['victim', 'suspect', 'witness'], xml: { attribute: true } });
    expect(f('Category')).toMatchObject({ enum: ['BURGLARY', 'THEFT', 'ASSAULT'] });
    expect(f('Person[].Surname')).toMatchObject({ doc: 'Family name as recorded.', position: { file: 'offence.xsd', line: 25, column: 7 } });
    expect(f('Committed')).toMatchObject({ type: 'datetime' });
    expect(f('Address.@uprn')).toMatchObject({ type: 'integer' });
  });

  it('navigates to a local record element by path', () => {
    const { tree } = xsdToFieldTree({ 'o.xsd': read('offence.xsd'), 'common.xsd': read('common.xsd') }, { root: 'Offence/Person' });
    expect(tree.recordPath).toBe('/Offence/Person');
    expect(tree.fields.map((f) => f.path)).toEqual(['Surname', 'Forename[]', 'DateOfBirth', 'Sex', '@role']);
  });

  it('reports unresolved references and missing includes at their declarations', () => {
    const { diagnostics } = xsdToFieldTree({ 'malformed.xsd': read('malformed.xsd') });
    expect(diagnostics.map((d) => [d.code, d.location.line, d.location.column])).toEqual([
      ['MW1302', 6, 9],
      ['MW1302', 7, 9],
    ]);
    const missing = xsdToFieldTree({ 'offence.xsd': read('offence.xsd') });
    expect(missing.diagnostics[0]).toMatchObject({ code: 'MW1303', location: { file: 'offence.xsd', line: 3, column: 3 } });
  });

  it('locates malformed XSD text and wrong roots', () => {
    const bad = xsdToFieldTree({ 'b.xsd': '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n  <xs:element name="A">\n</xs:schema>' });
    expect(bad.diagnostics[0]).toMatchObject({ code: 'MW1301', location: { file: 'b.xsd', line: 3 } });
    expect(xsdToFieldTree({ 'n.xsd': '<schema/>' }).diagnostics[0]).toMatchObject({ code: 'MW1301', location: { line: 1, column: 1 } });
    expect(xsdToFieldTree({ 'e.xsd': xsd('') }).diagnostics.map((d) => d.code)).toEqual(['MW1305']);
    expect(xsdToFieldTree({ 'r.xsd': xsd('<xs:element name="A" type="xs:string"/>') }, { root: 'B' }).diagnostics[0]).toMatchObject({ code: 'MW1306' });
  });

  it('handles extensions, simple content, groups, attribute groups and mixed content', () => {
    const { tree, diagnostics } = xsdToFieldTree({
      'x.xsd': xsd(`
  <xs:complexType name="Base"><xs:sequence><xs:element name="id" type="xs:int"/></xs:sequence></xs:complexType>
  <xs:group name="G"><xs:sequence><xs:element name="g1" type="xs:decimal" maxOccurs="unbounded"/></xs:sequence></xs:group>
  <xs:attributeGroup name="AG"><xs:attribute name="ver" type="xs:string" use="required"/></xs:attributeGroup>
  <xs:element name="Root">
    <xs:complexType mixed="true">
      <xs:complexContent><xs:extension base="Base">
        <xs:sequence>
          <xs:group ref="G"/>
          <xs:element name="amount"><xs:complexType><xs:simpleContent><xs:extension base="xs:decimal"><xs:attribute name="currency" type="xs:string"/></xs:extension></xs:simpleContent></xs:complexType></xs:element>
          <xs:element name="state" minOccurs="0"><xs:simpleType><xs:restriction base="xs:int"><xs:enumeration value="1"/><xs:enumeration value="2"/></xs:restriction></xs:simpleType></xs:element>
        </xs:sequence>
        <xs:attributeGroup ref="AG"/>
      </xs:extension></xs:complexContent>
    </xs:complexType>
  </xs:element>`),
    });
    expect(diagnostics).toEqual([]);
    expect(tree.fields.map((f) => `${f.path}:${f.type}:${f.cardinality}`)).toEqual([
      'id:integer:one',
      'g1[]:array:many',
      'amount:object:one',
      'state:integer:optional',
      '@ver:string:one',
      '#text:string:optional',
    ]);
    expect(findField(tree.fields, 'amount')!.children!.map((c) => `${c.path}:${c.type}`)).toEqual(['amount.#text:number', 'amount.@currency:string']);
    expect(findField(tree.fields, 'state')!.enum).toEqual([1, 2]);
  });
});
