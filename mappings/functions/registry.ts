/**
 * The documented function library: metadata, docs and examples for every implementation in
 * `impl/`. The checker types calls from `params`/`returns`, the language services show `doc` and
 * `examples`, and `examples.test.ts` runs every example through the evaluator.
 */
import type { FieldType } from '../model/field-tree';
import { FUNCTION_IMPLS, LIMITS, type FunctionName } from './impl/index';
import type { FunctionCategory, FunctionDef, FunctionParam, FunctionReturn } from './types';

type P = FunctionParam;
const p = (name: string, type: FieldType, extra: Partial<P> = {}): P => ({ name, type, ...extra });
const opt = (name: string, type: FieldType, extra: Partial<P> = {}): P => ({ name, type, optional: true, ...extra });
const r = (type: FieldType, extra: Partial<FunctionReturn> = {}): FunctionReturn => ({ type, ...extra });

const EMPTY_NULL = 'Empty input (missing, null or only spaces) gives `null`.';

interface Spec extends Omit<FunctionDef, 'name' | 'impl' | 'category'> {
  context?: boolean;
}

// Keys are plain strings (not `FunctionName`) because TypeScript types a `toString` key as the
// inherited method; the own-property check below catches a missing implementation instead.
function group(category: FunctionCategory, specs: Record<string, Spec>): FunctionDef[] {
  return Object.entries(specs).map(([name, s]) => {
    if (!Object.prototype.hasOwnProperty.call(FUNCTION_IMPLS, name)) throw new Error(`No implementation for documented function ${name}`);
    return { name, category, impl: FUNCTION_IMPLS[name as FunctionName], ...s };
  });
}

const text = group('text', {
  trim: {
    summary: 'Removes spaces at both ends.',
    doc: `Removes white space at the start and end. ${EMPTY_NULL}`,
    params: [p('text', 'string')],
    returns: r('string'),
    examples: [{ call: "trim('  Smith ')", result: 'Smith' }, { call: "trim('   ')", result: null }],
  },
  collapseSpaces: {
    summary: 'Trims and turns runs of spaces, tabs and newlines into single spaces.',
    doc: `Trims, then replaces every run of white space (including tabs, newlines and non-breaking spaces) with one space. ${EMPTY_NULL}`,
    params: [p('text', 'string')],
    returns: r('string'),
    examples: [{ call: "collapseSpaces(' 12   High\\tStreet ')", result: '12 High Street' }],
  },
  upper: {
    summary: 'Upper case.',
    doc: `Converts to upper case. ${EMPTY_NULL}`,
    params: [p('text', 'string')],
    returns: r('string'),
    examples: [{ call: "upper('ab12 cde')", result: 'AB12 CDE' }],
  },
  lower: {
    summary: 'Lower case.',
    doc: `Converts to lower case. ${EMPTY_NULL}`,
    params: [p('text', 'string')],
    returns: r('string'),
    examples: [{ call: "lower('SMITH')", result: 'smith' }],
  },
  titleCase: {
    summary: "Name-aware title case: O'Neil, McDonald, Smith-Jones.",
    doc: `Lower-cases, then capitalises the first letter of each word and of each part after a hyphen or apostrophe; \`Mc\` capitalises the next letter. \`Mac\` is left alone (MacDonald but Mack). ${EMPTY_NULL}`,
    params: [p('text', 'string')],
    returns: r('string'),
    examples: [
      { call: "titleCase('JOHN O\\'NEIL')", result: "John O'Neil" },
      { call: "titleCase('mary mcdonald-SMITH')", result: 'Mary McDonald-Smith' },
    ],
  },
  split: {
    summary: 'Splits text at a separator into a list.',
    doc: 'Splits at every occurrence of a literal separator (not a regex). Empty input gives an empty list. At most 100,000 items.',
    params: [p('text', 'string'), p('separator', 'string')],
    returns: r('array', { itemType: 'string' }),
    examples: [{ call: "split('a;b;;c', ';')", result: ['a', 'b', '', 'c'] }, { call: "split(null, ',')", result: [] }],
  },
  join: {
    summary: 'Joins the non-empty items of a list.',
    doc: 'Joins items with a separator (default none), skipping empty items. Numbers and true/false become text; objects are an error. An empty list gives `null`.',
    params: [p('list', 'array'), opt('separator', 'string')],
    returns: r('string'),
    examples: [{ call: "join(['John', null, 'Paul'], ' ')", result: 'John Paul' }, { call: 'join([])', result: null }],
  },
  replace: {
    summary: 'Replaces every occurrence of literal text.',
    doc: `Replaces every occurrence of \`find\` (literal text, not a pattern; see regexReplace). ${EMPTY_NULL}`,
    params: [p('text', 'string'), p('find', 'string'), p('replacement', 'string')],
    returns: r('string'),
    examples: [{ call: "replace('01-02-2024', '-', '/')", result: '01/02/2024' }],
  },
  regexTest: {
    summary: 'Whether text matches a regular expression.',
    doc: 'True when the text contains a match. The pattern must be written as literal text so it can be checked before the mapping runs: backreferences, nested repetition (`(a+)+`), overlapping alternatives under repetition (`(a|aa)*`) and three or more overlapping unbounded repetitions in a row are refused as possible ReDoS. Flags: `i`, `m`, `s`, `u`. Texts longer than 10,000 characters are an error. Empty text → false.',
    params: [p('text', 'string'), p('pattern', 'string', { literal: 'regex' }), opt('flags', 'string', { literal: 'regexFlags' })],
    returns: r('boolean'),
    examples: [{ call: "regexTest('CR/12345/24', '^CR/\\\\d+/\\\\d{2}$')", result: true }, { call: "regexTest('abc', 'B', 'i')", result: true }],
  },
  regexExtract: {
    summary: 'The first match of a regular expression, or one of its groups.',
    doc: 'Returns the first match, or group `group` (a number or a group name) of it; no match → `null`. Pattern rules as for regexTest.',
    params: [p('text', 'string'), p('pattern', 'string', { literal: 'regex' }), opt('group', 'any'), opt('flags', 'string', { literal: 'regexFlags' })],
    returns: r('string'),
    examples: [
      { call: "regexExtract('Ref: CR/123/24', 'CR/(\\\\d+)', 1)", result: '123' },
      { call: "regexExtract('no ref', 'CR/\\\\d+')", result: null },
    ],
  },
  regexReplace: {
    summary: 'Replaces every match of a regular expression.',
    doc: 'Replaces every match; `$1`, `$<name>` and `$&` in the replacement insert groups. Pattern rules as for regexTest. ' + EMPTY_NULL,
    params: [p('text', 'string'), p('pattern', 'string', { literal: 'regex' }), p('replacement', 'string'), opt('flags', 'string', { literal: 'regexFlags' })],
    returns: r('string'),
    examples: [{ call: "regexReplace('07700-900-123', '[^0-9]', '')", result: '07700900123' }],
  },
  padStart: {
    summary: 'Pads at the start to a width.',
    doc: `Pads with \`fill\` (default a space) at the start until the text is \`width\` characters. Numbers are padded as text. Widths over 1,000,000 are an error. ${EMPTY_NULL}`,
    params: [p('text', 'string'), p('width', 'integer', { max: LIMITS.maxString }), opt('fill', 'string')],
    returns: r('string'),
    examples: [{ call: "padStart(42, 6, '0')", result: '000042' }],
  },
  padEnd: {
    summary: 'Pads at the end to a width.',
    doc: `Pads with \`fill\` (default a space) at the end until the text is \`width\` characters. ${EMPTY_NULL}`,
    params: [p('text', 'string'), p('width', 'integer', { max: LIMITS.maxString }), opt('fill', 'string')],
    returns: r('string'),
    examples: [{ call: "padEnd('AB', 4, '*')", result: 'AB**' }],
  },
  substring: {
    summary: 'Part of a text by position.',
    doc: `Characters from \`start\` (0-based) up to but not including \`end\` (default: the end); negative positions count from the end. An empty result gives \`null\`. ${EMPTY_NULL}`,
    params: [p('text', 'string'), p('start', 'integer'), opt('end', 'integer')],
    returns: r('string'),
    examples: [{ call: "substring('SW1A 1AA', 0, 4)", result: 'SW1A' }, { call: "substring('2024-03-05', -2)", result: '05' }],
  },
  length: {
    summary: 'Length of a text or a list.',
    doc: 'Number of characters in a text or items in a list. Empty → 0.',
    params: [p('value', 'any')],
    returns: r('integer'),
    examples: [{ call: "length('Smith')", result: 5 }, { call: 'length([1, 2, 3])', result: 3 }, { call: 'length(null)', result: 0 }],
  },
  concat: {
    summary: 'Joins values with no separator, skipping empty ones.',
    doc: 'Joins any number of values with no separator, skipping empty ones; all empty → `null`.',
    params: [p('values', 'any', { variadic: true })],
    returns: r('string'),
    examples: [{ call: "concat('CR', null, '/', 123)", result: 'CR/123' }],
  },
  contains: {
    summary: 'Whether a text contains a part, or a list contains an item.',
    doc: 'For text: whether `part` occurs in it (`ignoreCase` true to ignore case). For a list: whether an item equals `part`. Empty text → false.',
    params: [p('value', 'any'), p('part', 'any'), opt('ignoreCase', 'boolean')],
    returns: r('boolean'),
    examples: [
      { call: "contains('Domestic abuse', 'ABUSE', true)", result: true },
      { call: "contains(['V', 'S'], 'S')", result: true },
    ],
  },
  startsWith: {
    summary: 'Whether text starts with a prefix.',
    doc: 'Case-sensitive. Empty text → false.',
    params: [p('text', 'string'), p('prefix', 'string')],
    returns: r('boolean'),
    examples: [{ call: "startsWith('CR/123', 'CR/')", result: true }],
  },
  endsWith: {
    summary: 'Whether text ends with a suffix.',
    doc: 'Case-sensitive. Empty text → false.',
    params: [p('text', 'string'), p('suffix', 'string')],
    returns: r('boolean'),
    examples: [{ call: "endsWith('report.pdf', '.pdf')", result: true }],
  },
  digitsOnly: {
    summary: 'Keeps only the digits.',
    doc: 'Removes everything except 0–9 (phone numbers, references). Nothing left → `null`.',
    params: [p('text', 'string')],
    returns: r('string'),
    examples: [{ call: "digitsOnly('(01632) 960-001')", result: '01632960001' }],
  },
});

const NAME_FIELDS = [
  { name: 'title', type: 'string' as const, doc: 'Mr, Mrs, Dr… or null' },
  { name: 'given', type: 'array' as const, itemType: 'string' as const, doc: 'Given names in order' },
  { name: 'family', type: 'string' as const, doc: 'Family name or null' },
];

const names = group('names', {
  splitName: {
    summary: 'Splits a full name into title, given names and family name.',
    doc: 'Understands `SMITH, John Paul` (family name first, with a comma), `Mrs Jane O\'Neil` (leading title), `John Paul SMITH` (the family name in capitals — also several words, `Jean DE LA CRUZ`); otherwise the last word is the family name. A single word is a family name. Case is kept as written (use titleCase). Placeholders — unknown, N/K, not known, n/a, none, refused — give `null`. Suffixes such as Jr are not recognised.',
    params: [p('fullName', 'string')],
    returns: r('object', { fields: NAME_FIELDS }),
    examples: [
      { call: "splitName('SMITH, John Paul')", result: { title: null, given: ['John', 'Paul'], family: 'SMITH' } },
      { call: "splitName('Mrs Jane O\\'Neil')", result: { title: 'Mrs', given: ['Jane'], family: "O'Neil" } },
      { call: "splitName('John Paul SMITH')", result: { title: null, given: ['John', 'Paul'], family: 'SMITH' } },
      { call: "splitName('N/K')", result: null },
    ],
  },
  givenNames: {
    summary: 'The given names of a full name (see splitName).',
    doc: 'The `given` part of splitName; none → `null`.',
    params: [p('fullName', 'string')],
    returns: r('array', { itemType: 'string' }),
    examples: [{ call: "givenNames('SMITH, John Paul')", result: ['John', 'Paul'] }],
  },
  familyName: {
    summary: 'The family name of a full name (see splitName).',
    doc: 'The `family` part of splitName.',
    params: [p('fullName', 'string')],
    returns: r('string'),
    examples: [{ call: "familyName('Dr Amir KHAN')", result: 'KHAN' }, { call: "familyName('unknown')", result: null }],
  },
  nameTitle: {
    summary: 'The title of a full name (see splitName).',
    doc: 'The `title` part of splitName, without a trailing dot.',
    params: [p('fullName', 'string')],
    returns: r('string'),
    examples: [{ call: "nameTitle('Mrs. Jane Doe')", result: 'Mrs' }],
  },
});

const PATTERN_DOC =
  'Patterns use Unicode TR35 letters: `yyyy`, `yy` (two-digit year), `MMMM`/`MMM` (English month name, full or abbreviated either way, `Sept` too), `MM`/`M`, `dd`/`d`, `EEE` (weekday, checked but ignored), `HH`/`H`, `hh`/`h` with `a` (AM/PM), `mm`, `ss`, `S…` (fraction), `XXX` (offset or Z); quote literal letters: `\'T\'`. `ISO` means ISO 8601. A space matches one or more spaces. Names match in any case.';

const FUZZY_FIELDS = [
  { name: 'value', type: 'string' as const, doc: 'ISO text at the precision: 2024, 2024-03, 2024-03-05, 2024-03-05T14:30' },
  { name: 'precision', type: 'string' as const, doc: 'year, month, day, minute or second' },
];

const dates = group('dates', {
  parseDate: {
    summary: 'Parses a date or date-time with an explicit pattern (UK day-first by default).',
    doc: `Parses text with a pattern, or a list of patterns (first match wins), into ISO text: \`2024-02-29\`, or \`2024-02-29T14:30:00\` when the pattern has a time (plus the offset when it has one). ${PATTERN_DOC} Without a pattern, tries ISO then UK day-first forms (\`dd/MM/yyyy HH:mm:ss\`, \`dd/MM/yyyy HH:mm\`, \`d/M/yyyy\`, \`d-M-yyyy\`, \`d.M.yyyy\`, \`d MMM yyyy\`, \`d MMMM yyyy\`). Two-digit years fall in the 100 years ending at \`pivotYear\` (default 2029: \`29\` → 2029, \`30\` → 1930). Impossible dates (31/02, 29/02/2023, 25:00) and unmatched text give \`null\`, never an error; an invalid pattern is an error (checked before running when written literally). ${EMPTY_NULL}`,
    params: [p('text', 'string'), opt('patterns', 'any', { literal: 'datePattern' }), opt('pivotYear', 'integer')],
    returns: r('string'),
    examples: [
      { call: "parseDate('05/03/2024', 'dd/MM/yyyy')", result: '2024-03-05' },
      { call: "parseDate('5/3/24 14:30', 'd/M/yy HH:mm')", result: '2024-03-05T14:30:00' },
      { call: "parseDate('31/02/2024', 'dd/MM/yyyy')", result: null },
      { call: "parseDate('5 March 1962', ['dd/MM/yyyy', 'd MMMM yyyy'])", result: '1962-03-05' },
      { call: "parseDate('01/02/45', 'dd/MM/yy')", result: '1945-02-01' },
      { call: "parseDate('2024-03-05T14:30:00Z', 'ISO')", result: '2024-03-05T14:30:00Z' },
    ],
  },
  partialDate: {
    summary: 'A FuzzyDate {value, precision} from a full or partial date.',
    doc: `Parses dates that may be partial: \`2024\` → year, \`03/2024\` or \`Mar 2024\` → month, \`05/03/2024\` → day, with a time → minute or second. Returns \`{ value, precision }\` (the POLE FuzzyDate). Optional \`patterns\` as for parseDate; the defaults are UK day-first. ${EMPTY_NULL}`,
    params: [p('text', 'string'), opt('patterns', 'any')],
    returns: r('object', { fields: FUZZY_FIELDS }),
    examples: [
      { call: "partialDate('2024')", result: { value: '2024', precision: 'year' } },
      { call: "partialDate('03/2024')", result: { value: '2024-03', precision: 'month' } },
      { call: "partialDate('Mar 2024')", result: { value: '2024-03', precision: 'month' } },
      { call: "partialDate('05/03/2024 14:30')", result: { value: '2024-03-05T14:30', precision: 'minute' } },
    ],
  },
  excelDate: {
    summary: 'Excel serial day number → ISO date.',
    doc: 'Converts an Excel (1900 date system) serial number to an ISO date, or a date-time when it has a fraction (to the second). Excel counts a 29 February 1900 that never existed: serial 60 gives `null`, later serials are corrected. Serials below 1 → `null`.',
    params: [p('serial', 'number')],
    returns: r('string'),
    examples: [
      { call: 'excelDate(45292)', result: '2024-01-01' },
      { call: 'excelDate(59)', result: '1900-02-28' },
      { call: 'excelDate(61)', result: '1900-03-01' },
      { call: 'excelDate(45292.5)', result: '2024-01-01T12:00:00' },
    ],
  },
  toUtc: {
    summary: 'Local date-time in a time zone → UTC.',
    doc: 'Converts a local wall-clock ISO date-time in an IANA zone (default `Europe/London`) to UTC (`…Z`), with the zone rules of the JavaScript engine (Intl). Daylight saving follows JavaScript Temporal\'s `compatible` rule: a time in the spring-forward gap (2024-03-31 01:30 in London never happened) moves forward by the gap; an ambiguous time in the autumn overlap (2024-10-27 01:30 happened twice) takes the earlier, BST instant. `disambiguation` may be `earlier`, `later` or `reject` (gap and overlap times give `null`). Input with an offset or Z is converted directly; a date alone means local midnight. Invalid input → `null`; an unknown zone is an error.',
    params: [p('localDateTime', 'string'), opt('timeZone', 'string'), opt('disambiguation', 'string')],
    returns: r('datetime'),
    examples: [
      { call: "toUtc('2024-07-01T14:00')", result: '2024-07-01T13:00:00Z' },
      { call: "toUtc('2024-01-15T09:30:00')", result: '2024-01-15T09:30:00Z' },
      { call: "toUtc('2024-03-31T01:30')", result: '2024-03-31T01:30:00Z' },
      { call: "toUtc('2024-10-27T01:30')", result: '2024-10-27T00:30:00Z' },
      { call: "toUtc('2024-10-27T01:30', 'Europe/London', 'later')", result: '2024-10-27T01:30:00Z' },
      { call: "toUtc('2024-03-31T01:30', 'Europe/London', 'reject')", result: null },
    ],
  },
  fromUtc: {
    summary: 'UTC date-time → local time in a zone, with its offset.',
    doc: 'Converts a UTC (or offset) ISO date-time to local wall-clock time in an IANA zone (default `Europe/London`), written with the offset in force: `2024-07-01T13:00:00+01:00`. Invalid input → `null`.',
    params: [p('utcDateTime', 'string'), opt('timeZone', 'string')],
    returns: r('datetime'),
    examples: [
      { call: "fromUtc('2024-07-01T12:00:00Z')", result: '2024-07-01T13:00:00+01:00' },
      { call: "fromUtc('2024-12-01T12:00:00Z')", result: '2024-12-01T12:00:00+00:00' },
    ],
  },
  formatDate: {
    summary: 'Formats an ISO date or date-time with a pattern.',
    doc: `Writes an ISO date or date-time with a pattern (letters as for parseDate; month and day names in English). The value is formatted as written — no time-zone conversion (use fromUtc first). Invalid input → \`null\`. ${EMPTY_NULL}`,
    params: [p('isoDate', 'string'), p('pattern', 'string')],
    returns: r('string'),
    examples: [
      { call: "formatDate('2024-03-05', 'dd/MM/yyyy')", result: '05/03/2024' },
      { call: "formatDate('2024-03-05T14:30:00', 'EEE d MMM yyyy h:mm a')", result: 'Tue 5 Mar 2024 2:30 PM' },
    ],
  },
  age: {
    summary: 'Age in whole years on a given date.',
    doc: 'Whole years from `dateOfBirth` to `atDate` (both ISO dates, date-times, or FuzzyDates precise to the day). There is deliberately no "today": a mapping must give the same answer whenever it runs, so pass the event date. Someone born on 29 February reaches each age on 1 March in non-leap years. Missing or partial dates, or a birth after `atDate`, give `null`.',
    params: [p('dateOfBirth', 'any'), p('atDate', 'any')],
    returns: r('integer'),
    examples: [
      { call: "age('1990-06-15', '2024-06-14')", result: 33 },
      { call: "age('1990-06-15', '2024-06-15')", result: 34 },
      { call: "age('2008-02-29', '2026-02-28')", result: 17 },
      { call: "age('2008-02-29', '2026-03-01')", result: 18 },
    ],
  },
  daysBetween: {
    summary: 'Whole days between two dates.',
    doc: 'Days from `from` to `to` (negative when `to` is earlier); date-times count by their date part. Missing → `null`.',
    params: [p('from', 'any'), p('to', 'any')],
    returns: r('integer'),
    examples: [{ call: "daysBetween('2024-02-28', '2024-03-01')", result: 2 }],
  },
  dateOnly: {
    summary: 'The date part of an ISO date-time.',
    doc: 'The `YYYY-MM-DD` part of an ISO date-time as written (no zone conversion). Invalid → `null`.',
    params: [p('isoDateTime', 'string')],
    returns: r('date'),
    examples: [{ call: "dateOnly('2024-03-05T23:10:00')", result: '2024-03-05' }],
  },
});

const numbers = group('numbers', {
  parseNumber: {
    summary: 'Reads a number from text: thousands separators, currency, (negatives).',
    doc: `Reads numbers as people write them: \`1,250\`, \`£1,250.00\`, \`GBP 12\`, \`-3.5\`, \`(42.50)\` (accounting negative). Commas must group digits in threes. Anything else → \`null\` (never an error). Numbers pass through. ${EMPTY_NULL}`,
    params: [p('text', 'any')],
    returns: r('number'),
    examples: [
      { call: "parseNumber('£1,250.00')", result: 1250 },
      { call: "parseNumber('(42.50)')", result: -42.5 },
      { call: "parseNumber('12abc')", result: null },
    ],
  },
  round: {
    summary: 'Rounds half away from zero to a number of decimals.',
    doc: 'Rounds to `places` decimals (0–10, default 0), halves away from zero, exact for decimal input (1.005 → 1.01). Numeric text is accepted. Empty → `null`.',
    params: [p('number', 'number'), opt('places', 'integer')],
    returns: r('number'),
    examples: [{ call: 'round(1.005, 2)', result: 1.01 }, { call: 'round(-2.5)', result: -3 }],
  },
  toInteger: {
    summary: 'A whole number, dropping any fraction.',
    doc: 'Drops the fraction (towards zero). Text is read with parseNumber. Not a number or empty → `null`.',
    params: [p('value', 'any')],
    returns: r('integer'),
    examples: [{ call: "toInteger('1,234.9')", result: 1234 }, { call: 'toInteger(-7.8)', result: -7 }, { call: "toInteger('n/a')", result: null }],
  },
});

const uk = group('uk', {
  normalisePostcode: {
    summary: 'UK postcode → upper case with one space (SW1A 1AA); invalid → null.',
    doc: 'Upper-cases, removes spaces, and puts one space before the last three characters; returns `null` unless the result is a valid UK postcode (see isValidPostcode).',
    params: [p('text', 'string')],
    returns: r('string'),
    examples: [{ call: "normalisePostcode(' sw1a1aa ')", result: 'SW1A 1AA' }, { call: "normalisePostcode('gir0aa')", result: 'GIR 0AA' }, { call: "normalisePostcode('12345')", result: null }],
  },
  isValidPostcode: {
    summary: 'Whether text is a valid UK postcode.',
    doc: 'Checks the UK Government Data Standards (BS 7666) postcode pattern after normalising case and spacing, including the special `GIR 0AA`. It checks the shape, not whether the postcode is in use. BFPO numbers (`BFPO 123`) are not postcodes and fail; forces postcodes in the `BF1` district pass. Overseas territories (`ASCN 1ZZ`) fail.',
    params: [p('text', 'string')],
    returns: r('boolean'),
    examples: [{ call: "isValidPostcode('M1 1AE')", result: true }, { call: "isValidPostcode('BFPO 105')", result: false }, { call: "isValidPostcode('Q1 1AA')", result: false }],
  },
  postcodeOutward: {
    summary: 'The outward code (district) of a postcode.',
    doc: 'The part before the space of the normalised postcode; invalid → `null`.',
    params: [p('text', 'string')],
    returns: r('string'),
    examples: [{ call: "postcodeOutward('sw1a 1aa')", result: 'SW1A' }],
  },
  normaliseVrm: {
    summary: 'Vehicle registration mark → upper case, no spaces (AB12CDE).',
    doc: 'Upper-cases and removes spaces and hyphens — the form PNC, ANPR and DVLA lookups use. Marks with other characters, or longer than 8 characters, → `null`. Does not check the format (see isValidVrm), so foreign plates pass through. For display spacing use formatVrm.',
    params: [p('text', 'string')],
    returns: r('string'),
    examples: [{ call: "normaliseVrm('ab12 cde')", result: 'AB12CDE' }, { call: "normaliseVrm('AB12 CD!')", result: null }],
  },
  isValidVrm: {
    summary: 'Whether a mark is a GB or Northern Ireland registration format.',
    doc: 'True for the issued GB formats — current (AB12 CDE), prefix (A123 BCD), suffix (ABC 123D), dateless (ABC 1234, 1234 AB) — and Northern Ireland marks (ABZ 1234), after normalising. Letters I, O and Q rules for age identifiers are checked on prefix/suffix marks. Foreign, diplomatic and trade plates fail.',
    params: [p('text', 'string')],
    returns: r('boolean'),
    examples: [{ call: "isValidVrm('AB12 CDE')", result: true }, { call: "isValidVrm('A123 BCD')", result: true }, { call: "isValidVrm('AB12 CDEF')", result: false }],
  },
  formatVrm: {
    summary: 'Display form of a mark: AB12 CDE.',
    doc: 'Current-format marks get their space after the fourth character; other valid marks are returned unspaced; invalid → `null`.',
    params: [p('text', 'string')],
    returns: r('string'),
    examples: [{ call: "formatVrm('ab12cde')", result: 'AB12 CDE' }],
  },
  normaliseNino: {
    summary: 'National Insurance number → QQ123456C; invalid → null.',
    doc: "Upper-cases and removes spaces; `null` unless it follows HMRC's format rules (two prefix letters, neither D, F, I, Q, U or V, the second not O, and not BG, GB, KN, NK, NT, TN or ZZ — so HMRC's placeholder QQ 12 34 56 C is refused; six digits; suffix A–D).",
    params: [p('text', 'string')],
    returns: r('string'),
    examples: [{ call: "normaliseNino('ab 12 34 56 c')", result: 'AB123456C' }, { call: "normaliseNino('GB123456A')", result: null }],
  },
  isValidNino: {
    summary: 'Whether text is a National Insurance number.',
    doc: 'See normaliseNino.',
    params: [p('text', 'string')],
    returns: r('boolean'),
    examples: [{ call: "isValidNino('AB 12 34 56 C')", result: true }, { call: "isValidNino('QQ 12 34 56 C')", result: false }],
  },
  normaliseUkPhone: {
    summary: 'UK phone number → E.164 (+447700900123).',
    doc: 'Accepts national (`07700 900123`) and international (`+44 7700 900123`, `0044…`, `+44 (0)20…`) forms with spaces, dashes, dots and brackets. A UK number has ten digits after the trunk 0. Anything else → `null`.',
    params: [p('text', 'string')],
    returns: r('string'),
    examples: [{ call: "normaliseUkPhone('07700 900123')", result: '+447700900123' }, { call: "normaliseUkPhone('+44 (0)20 7946 0018')", result: '+442079460018' }, { call: "normaliseUkPhone('999')", result: null }],
  },
});

const LATLON = [
  { name: 'lat', type: 'number' as const, doc: 'WGS84 latitude, degrees' },
  { name: 'lon', type: 'number' as const, doc: 'WGS84 longitude, degrees' },
];
const EN = [
  { name: 'easting', type: 'integer' as const, doc: 'OSGB36 easting, metres' },
  { name: 'northing', type: 'integer' as const, doc: 'OSGB36 northing, metres' },
];
const ACCURACY =
  'Uses proj4 with OSGB36 and the published 7-parameter Helmert transformation to WGS84, accurate to about 5 metres across Great Britain (Ordnance Survey\'s OSTN15 would be needed for centimetres).';

const geography = group('geography', {
  isValidLatLon: {
    summary: 'Whether a latitude/longitude pair is usable.',
    doc: 'True when both are numbers (or numeric text) in range and the pair is not (0, 0), which systems often write for "no location".',
    params: [p('lat', 'number'), p('lon', 'number')],
    returns: r('boolean'),
    examples: [{ call: 'isValidLatLon(51.5, -0.12)', result: true }, { call: 'isValidLatLon(0, 0)', result: false }, { call: 'isValidLatLon(91, 0)', result: false }],
  },
  bngToWgs84: {
    summary: 'British National Grid easting/northing → WGS84 {lat, lon}.',
    doc: `${ACCURACY} Result to 6 decimals. Outside the grid (0–700,000 E, 0–1,300,000 N) or empty → \`null\`.`,
    params: [p('easting', 'number'), p('northing', 'number')],
    returns: r('object', { fields: LATLON }),
    examples: [{ call: 'bngToWgs84(460724, 448627)', result: { lat: 53.930218, lon: -1.076665 } }],
  },
  wgs84ToBng: {
    summary: 'WGS84 latitude/longitude → British National Grid {easting, northing}.',
    doc: `${ACCURACY} Result in whole metres. Outside Great Britain's grid or empty → \`null\`.`,
    params: [p('lat', 'number'), p('lon', 'number')],
    returns: r('object', { fields: EN }),
    examples: [{ call: 'wgs84ToBng(53.93022, -1.0766602)', result: { easting: 460724, northing: 448627 } }],
  },
  roundCoord: {
    summary: 'Rounds a coordinate to a number of decimals.',
    doc: 'Rounds to `places` decimals (default 6 ≈ 0.1 m; 3 ≈ 100 m, e.g. for publishing). Empty → `null`.',
    params: [p('value', 'number'), opt('places', 'integer')],
    returns: r('number'),
    examples: [{ call: 'roundCoord(51.5007292, 3)', result: 51.501 }],
  },
});

const identifiers = group('identifiers', {
  pseudonymise: {
    summary: 'Keyed pseudonym (HMAC-SHA256) of a value; key supplied at run time.',
    doc: "HMAC-SHA256 of the value's text under the key given at run time as the `hmacKey` parameter (at least 16 characters) — never stored in the mapping or the bundle. Without the key, each record is rejected with a clear message. The same value and key always give the same pseudonym, so records still link; without the key the value cannot be recovered or checked by guessing. `encoding`: `hex` (default, 64 characters) or `base64url` (43). Empty → `null`.",
    params: [p('value', 'string'), opt('encoding', 'string')],
    returns: r('string'),
    context: true,
    examples: [
      { call: "pseudonymise('AB123456C')", params: { hmacKey: 'example-key-0123456789' }, result: 'c884291daa1080735d0077561a0f9a4ab79e0149b34577c2fae4996ba86c6e58' },
    ],
  },
  uuid5: {
    summary: 'Name-based UUID (RFC 4122 version 5).',
    doc: 'SHA-1 name-based UUID of `name` in `namespace` (a UUID, or `dns`, `url`, `oid`, `x500`). Deterministic: the same name always gives the same id. Empty name → `null`.',
    params: [p('name', 'string'), p('namespace', 'string')],
    returns: r('string'),
    examples: [{ call: "uuid5('www.example.com', 'dns')", result: '2ed6657d-e927-568b-95e1-2665a8aea6a2' }],
  },
});

const values = group('values', {
  coalesce: {
    summary: 'The first value that is not empty.',
    doc: 'Returns the first argument that is not empty (missing, null, only spaces, or an empty list); all empty → `null`.',
    params: [p('values', 'any', { variadic: true })],
    returns: r('any'),
    examples: [{ call: "coalesce(null, '  ', 'mobile', 'home')", result: 'mobile' }],
  },
  isEmpty: {
    summary: 'Whether a value is empty.',
    doc: 'True for missing, null, text of only spaces, and an empty list.',
    params: [p('value', 'any')],
    returns: r('boolean'),
    examples: [{ call: "isEmpty(' ')", result: true }, { call: 'isEmpty(0)', result: false }],
  },
  defaultIfEmpty: {
    summary: 'The value, or a fallback when it is empty.',
    doc: 'Returns `fallback` when `value` is empty (as isEmpty), else `value`.',
    params: [p('value', 'any'), p('fallback', 'any')],
    returns: r('any'),
    examples: [{ call: "defaultIfEmpty('', 'UNKNOWN')", result: 'UNKNOWN' }],
  },
  toString: {
    summary: 'Text form of a value.',
    doc: 'Numbers and true/false as written, lists and objects as JSON, text unchanged. Empty (missing or null) → `null`.',
    params: [p('value', 'any')],
    returns: r('string'),
    examples: [{ call: 'toString(42)', result: '42' }, { call: 'toString([1, 2])', result: '[1,2]' }],
  },
  toBoolean: {
    summary: 'true/false from yes/no, Y/N, 1/0, true/false…',
    doc: 'Reads true from `true`, `t`, `yes`, `y`, `1`, `on`, `x`, `✓` and false from `false`, `f`, `no`, `n`, `0`, `off` (any case, trimmed); numbers 1 and 0. Anything else, including empty → `null`.',
    params: [p('value', 'any')],
    returns: r('boolean'),
    examples: [{ call: "toBoolean('Y')", result: true }, { call: "toBoolean('No')", result: false }, { call: "toBoolean('maybe')", result: null }],
  },
});

const lists = group('lists', {
  first: {
    summary: 'The first item of a list.',
    doc: 'The first item; an empty list → `null`. A single value counts as a one-item list.',
    params: [p('list', 'any')],
    returns: r('any'),
    examples: [{ call: "first(['a', 'b'])", result: 'a' }, { call: 'first([])', result: null }],
  },
  last: {
    summary: 'The last item of a list.',
    doc: 'The last item; an empty list → `null`.',
    params: [p('list', 'any')],
    returns: r('any'),
    examples: [{ call: "last(['a', 'b'])", result: 'b' }],
  },
  count: {
    summary: 'Number of non-empty items.',
    doc: 'Counts the items that are not empty. Empty → 0.',
    params: [p('list', 'any')],
    returns: r('integer'),
    examples: [{ call: "count(['a', null, ''])", result: 1 }],
  },
  distinct: {
    summary: 'Items without repeats.',
    doc: 'Keeps the first occurrence of each item (objects compared by content), dropping empty items.',
    params: [p('list', 'any')],
    returns: r('array'),
    examples: [{ call: "distinct(['V', 'S', 'V', null])", result: ['V', 'S'] }],
  },
  pluck: {
    summary: 'One field of every item of a list.',
    doc: 'The named field of every item (`pluck(persons, \'surname\')`); items without it are skipped. Reads only data fields, like member access.',
    params: [p('list', 'any'), p('field', 'string')],
    returns: r('array'),
    examples: [{ call: "pluck([{ n: 1 }, { m: 2 }, { n: 3 }], 'n')", result: [1, 3] }],
  },
  compact: {
    summary: 'The list without empty items.',
    doc: 'Drops missing, null, blank-text and empty-list items.',
    params: [p('list', 'any')],
    returns: r('array'),
    examples: [{ call: "compact(['a', '', null, 'b'])", result: ['a', 'b'] }],
  },
  sum: {
    summary: 'Sum of the numbers in a list.',
    doc: 'Adds the items (numeric text accepted, empty items skipped); other text is an error. Empty list → 0.',
    params: [p('list', 'any')],
    returns: r('number'),
    examples: [{ call: "sum([1, '2', null, 3.5])", result: 6.5 }],
  },
  flatten: {
    summary: 'Removes one level of nesting.',
    doc: '`[[a, b], c]` → `[a, b, c]`. At most 100,000 items.',
    params: [p('list', 'any')],
    returns: r('array'),
    examples: [{ call: 'flatten([[1, 2], 3])', result: [1, 2, 3] }],
  },
});

/** Every documented function by name (a null-prototype object: no inherited keys). */
export const FUNCTIONS: Readonly<Record<string, FunctionDef>> = Object.freeze(
  Object.assign(
    Object.create(null) as Record<string, FunctionDef>,
    Object.fromEntries([...text, ...names, ...dates, ...numbers, ...uk, ...geography, ...identifiers, ...values, ...lists].map((d) => [d.name, d])),
  ),
);
