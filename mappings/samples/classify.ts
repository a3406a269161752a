import type { DataProtectionClass, FieldNode } from '../model/field-tree';

/** Splits `dateOfBirth`, `date_of_birth`, `Date Of Birth`, `DOB` into lower-case words. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/^[@#]/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((t) => t.toLowerCase());
}

const SPECIAL = ['ethnic', 'ethnicity', 'race', 'racial', 'religion', 'religious', 'faith', 'sexuality', 'orientation', 'health', 'medical', 'disability', 'disabled', 'biometric', 'genetic', 'dna', 'fingerprint', 'trade', 'political', 'sde', 'ic'];
const CRIMINAL = ['offence', 'offences', 'offense', 'charge', 'charges', 'charged', 'conviction', 'convictions', 'outcome', 'outcomes', 'disposal', 'sentence', 'caution', 'arrest', 'arrested', 'warrant', 'bail', 'crime', 'ho', 'hoc', 'cjs'];
const PERSONAL = [
  'forename', 'forenames', 'surname', 'given', 'family', 'firstname', 'lastname', 'middlename', 'fullname', 'alias', 'maiden', 'dob', 'birth', 'address', 'street', 'postcode',
  'postal', 'zip', 'phone', 'telephone', 'tel', 'mobile', 'email', 'vrm', 'vrn', 'numberplate', 'nino', 'passport', 'licence', 'license', 'pnc', 'cro', 'ip', 'age', 'sex', 'gender',
  'nationality', 'occupation', 'photo', 'signature', 'contact', 'nhs', 'imei', 'vin',
];
/** Words that, before `name`, make it not a person's name (`forceName`, `fileName`, `offenceName`). */
const NOT_PERSON_NAME = ['file', 'force', 'station', 'code', 'type', 'category', 'model', 'make', 'product', 'team', 'unit', 'org', 'organisation', 'organization', 'company', 'business', 'system', 'user', 'host', 'schema', 'field', 'display', 'town', 'city', 'county', 'country', 'place', 'location', 'area'];

/**
 * The data-protection class of a field: the one set on the node, else a guess from its name
 * (name/forename/surname/dob/address/postcode/phone/email/vrm → personal; ethnicity, religion,
 * health → special-category; offence/charge/outcome → criminal-offence).
 */
export function classifyField(node: Pick<FieldNode, 'name'> & Partial<Pick<FieldNode, 'dataProtection' | 'path'>>): DataProtectionClass {
  if (node.dataProtection) return node.dataProtection;
  const tokens = nameTokens(node.name);
  if (tokens.some((t) => SPECIAL.includes(t) && t !== 'trade' && t !== 'ic') || (tokens.includes('trade') && tokens.includes('union')) || (tokens.includes('ic') && tokens.length <= 2 && tokens.includes('code'))) {
    return 'special-category';
  }
  if (tokens.some((t) => CRIMINAL.includes(t))) return 'criminal-offence';
  if (tokens.some((t) => PERSONAL.includes(t))) return 'personal';
  if (tokens.includes('registration') && (tokens.includes('vehicle') || tokens.length === 1)) return 'personal';
  if (tokens.includes('post') && tokens.includes('code')) return 'personal';
  const i = tokens.lastIndexOf('name');
  if (i >= 0 && !(i > 0 && NOT_PERSON_NAME.includes(tokens[i - 1]))) return 'personal';
  if (tokens.includes('first') || tokens.includes('last') || tokens.includes('middle')) return tokens.includes('name') || tokens.length === 1 ? 'personal' : 'none';
  return 'none';
}
