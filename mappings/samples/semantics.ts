import type { FieldNode } from '../model/field-tree';
import { nameTokens } from './classify';

/** What a field holds, guessed from its name, format and type; drives generation and redaction. */
export type SemanticKind =
  | 'given' | 'family' | 'fullName' | 'title' | 'dob' | 'postcode' | 'vrm' | 'phone' | 'email' | 'street' | 'addressLine'
  | 'town' | 'county' | 'sex' | 'ethnicity' | 'age' | 'lat' | 'lon' | 'freeText' | 'id';

/** Guesses the semantic kind of a field, or undefined for a plain value. */
export function semanticKind(node: Pick<FieldNode, 'name' | 'type'> & Partial<Pick<FieldNode, 'format' | 'itemType'>>): SemanticKind | undefined {
  const t = nameTokens(node.name);
  const has = (...w: string[]) => w.some((x) => t.includes(x));
  const joined = t.join('');
  if (node.format === 'email' || has('email')) return 'email';
  if (node.format === 'uk-postcode' || has('postcode') || joined.includes('postcode') || (has('post', 'postal', 'zip') && has('code'))) return 'postcode';
  if (node.format === 'uk-vrm' || has('vrm', 'vrn', 'numberplate') || (has('registration', 'reg') && has('vehicle', 'number', 'no', 'mark')) || joined === 'registration') return 'vrm';
  if (has('dob') || (has('birth') && !has('place', 'country', 'town'))) return 'dob';
  if (has('phone', 'telephone', 'tel', 'mobile')) return 'phone';
  if (has('forename', 'forenames', 'given', 'firstname', 'middlename') || (has('first', 'middle') && has('name'))) return 'given';
  if (has('surname', 'lastname', 'family') || (has('last') && has('name'))) return 'family';
  if (has('title') && t.length <= 2 && !has('job')) return 'title';
  if (has('street', 'road', 'thoroughfare')) return 'street';
  if (has('address') && has('line', '1', '2', '3')) return 'addressLine';
  if (has('address')) return 'addressLine';
  if (has('town', 'city', 'locality')) return 'town';
  if (has('county')) return 'county';
  if (has('sex', 'gender')) return 'sex';
  if (has('ethnicity', 'ethnic', 'sde')) return 'ethnicity';
  if (has('age') && (node.type === 'integer' || node.type === 'number' || t.length === 1)) return 'age';
  if (has('lat', 'latitude')) return 'lat';
  if (has('lon', 'lng', 'long', 'longitude')) return 'lon';
  if (has('name') && !has('file', 'force', 'station', 'code', 'type', 'category', 'model', 'make', 'team', 'unit', 'organisation', 'company', 'street', 'town')) return 'fullName';
  if (has('notes', 'note', 'description', 'desc', 'comment', 'comments', 'narrative', 'text', 'details', 'summary', 'remarks', 'mo')) return 'freeText';
  if (has('id', 'ref', 'reference', 'number', 'no', 'urn', 'pnc', 'cro', 'nino', 'code', 'key')) return 'id';
  return undefined;
}
