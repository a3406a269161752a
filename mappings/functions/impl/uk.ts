/** UK formats: postcodes, vehicle registration marks, National Insurance numbers, phone numbers. */
import { textArg } from './guard';

/**
 * The UK Government Data Standards postcode pattern (BS 7666), with the one space between outward
 * and inward codes, plus the special `GIR 0AA`. BFPO numbers ("BFPO 123") are not postcodes and
 * are not accepted; British Forces postcodes in the `BF1` district are. Overseas territory codes
 * (e.g. `ASCN 1ZZ`) are not accepted.
 */
const POSTCODE = /^(GIR 0AA|[A-PR-UWYZ](\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRV-Y]) \d[ABD-HJLNP-UW-Z]{2})$/;

/** `sw1a1aa`, ` SW1A  1AA ` → `SW1A 1AA`; not a valid postcode → null. */
export function normalisePostcode(v: unknown): string | null {
  const s = textArg(v, 'normalisePostcode');
  if (s === null) return null;
  const compact = s.toUpperCase().replace(/\s+/g, '');
  if (compact.length < 5 || compact.length > 7) return null;
  const spaced = `${compact.slice(0, -3)} ${compact.slice(-3)}`;
  return POSTCODE.test(spaced) ? spaced : null;
}

/** True when the text is a valid UK postcode once case and spacing are normalised. */
export function isValidPostcode(v: unknown): boolean {
  return normalisePostcode(v) !== null;
}

/** The outward code (district), e.g. `SW1A` from `SW1A 1AA`; invalid → null. */
export function postcodeOutward(v: unknown): string | null {
  const p = normalisePostcode(v);
  return p === null ? null : p.split(' ')[0];
}

const VRM_FORMATS: RegExp[] = [
  /^[A-Z]{2}\d{2}[A-Z]{3}$/, // current (2001–): AB12 CDE
  /^[A-HJ-NP-Y]\d{1,3}[A-Z]{3}$/, // prefix (1983–2001): A123 BCD
  /^[A-Z]{3}\d{1,3}[A-HJ-NP-Y]$/, // suffix (1963–1983): ABC 123D
  /^[A-Z]{1,3}\d{1,4}$/, // dateless, and Northern Ireland: ABC 1234
  /^\d{1,4}[A-Z]{1,3}$/, // dateless reversed: 1234 AB
];

/**
 * Vehicle registration mark → upper case with no spaces or hyphens (`ab12 cde` → `AB12CDE`), the
 * form PNC, ANPR and DVLA lookups use. Marks with other characters → null. Does not check the
 * format (see isValidVrm), so foreign plates pass through normalised.
 */
export function normaliseVrm(v: unknown): string | null {
  const s = textArg(v, 'normaliseVrm');
  if (s === null) return null;
  const c = s.toUpperCase().replace(/[\s-]+/g, '');
  return /^[A-Z0-9]{1,8}$/.test(c) ? c : null;
}

/** True for a GB or Northern Ireland mark in one of the issued formats (current, prefix, suffix, dateless). */
export function isValidVrm(v: unknown): boolean {
  const c = normaliseVrm(v);
  return c !== null && VRM_FORMATS.some((re) => re.test(c));
}

/** `ab12 cde` → `AB12 CDE`: the display spacing for current-format marks; other valid marks unspaced. */
export function formatVrm(v: unknown): string | null {
  const c = normaliseVrm(v);
  if (c === null || !VRM_FORMATS.some((re) => re.test(c))) return null;
  return VRM_FORMATS[0].test(c) ? `${c.slice(0, 4)} ${c.slice(4)}` : c;
}

const NINO = /^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/;

/** National Insurance number → `QQ123456C` (upper case, no spaces); not valid by HMRC's format rules → null. */
export function normaliseNino(v: unknown): string | null {
  const s = textArg(v, 'normaliseNino');
  if (s === null) return null;
  const c = s.toUpperCase().replace(/\s+/g, '');
  return NINO.test(c) ? c : null;
}

export function isValidNino(v: unknown): boolean {
  return normaliseNino(v) !== null;
}

/**
 * UK phone number → E.164 (`07700 900123` → `+447700900123`, `+44 (0)20 7946 0018` → `+442079460018`).
 * Accepts national (0…) and international (+44 / 0044) forms with spaces, dashes, dots and brackets;
 * a UK number has 10 digits after the trunk 0. Anything else → null.
 */
export function normaliseUkPhone(v: unknown): string | null {
  const s = textArg(v, 'normaliseUkPhone');
  if (s === null) return null;
  let t = s.trim().replace(/\(0\)/g, '').replace(/[\s\-.()]/g, '');
  if (t.startsWith('+44')) t = t.slice(3);
  else if (t.startsWith('0044')) t = t.slice(4);
  else if (t.startsWith('0')) t = t.slice(1);
  else return null;
  return /^[1-9]\d{9}$/.test(t) ? `+44${t}` : null;
}
