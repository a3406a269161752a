/** A small source scope shared by the expression tests (not shipped: only tests import it). */
import type { FieldNode } from '../../model/field-tree';
import type { ExprScope } from '../types';

const f = (path: string, type: FieldNode['type'], extra: Partial<FieldNode> = {}): FieldNode => ({
  path,
  name: path.split('.').pop()!.replace(/\[\]$/, ''),
  type,
  cardinality: 'optional',
  ...extra,
});

export const PERSON_FIELDS: FieldNode[] = [
  f('persons[].surname', 'string', { doc: 'Family name as recorded' }),
  f('persons[].forenames', 'string'),
  f('persons[].dateOfBirth', 'string', { pattern: 'dd/MM/yyyy', dataProtection: 'personal' }),
  f('persons[].age', 'integer'),
  f('persons[].address', 'object', {
    children: [f('persons[].address.postcode', 'string'), f('persons[].address.town', 'string')],
  }),
];

export const TEST_FIELDS: FieldNode[] = [
  f('name', 'string', { doc: 'Full name', examples: ['SMITH, John'] }),
  f('dateOfBirth', 'string', { pattern: 'dd/MM/yyyy' }),
  f('amount', 'number'),
  f('count', 'integer'),
  f('flag', 'boolean'),
  f('k', 'string'),
  f('data', 'any'),
  f('Crime ID', 'string'),
  f('items', 'object', { cardinality: 'many', children: [f('items[].code', 'string'), f('items[].qty', 'integer')] }),
  f('persons', 'object', { cardinality: 'many', children: PERSON_FIELDS }),
  f('tags', 'array', { itemType: 'string' }),
];

export const TEST_SCOPE: ExprScope = {
  fields: TEST_FIELDS,
  variables: {
    person: { type: 'object', fields: PERSON_FIELDS, doc: 'The current person (loop variable)' },
    $record: { type: 'object', fields: TEST_FIELDS, doc: 'The whole source record' },
    $index: { type: 'integer', doc: 'Position in the loop, from 0' },
  },
};
