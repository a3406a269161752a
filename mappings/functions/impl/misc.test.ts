import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bngToWgs84, isValidLatLon, roundCoord, wgs84ToBng } from './geo';
import { pseudonymise, uuid5 } from './ids';
import { compact, count, distinct, first, flatten, last, pluck, sum } from './lists';
import { parseNumber, round, toInteger } from './numbers';
import { formatVrm, isValidNino, isValidPostcode, isValidVrm, normalisePostcode, normaliseUkPhone, normaliseVrm, postcodeOutward } from './uk';
import { coalesce, defaultIfEmpty, isEmpty, toBoolean, toString } from './values';

describe('numbers', () => {
  it.each([
    ['1,250', 1250],
    ['£1,250.00', 1250],
    ['-£3.50', -3.5],
    ['£-3.50', -3.5],
    ['(42.50)', -42.5],
    ['(£1,000)', -1000],
    ['GBP 12', 12],
    ['12 GBP', 12],
    ['+7', 7],
    ['.5', 0.5],
    ['  3.25  ', 3.25],
    ['1,25', null],
    ['12abc', null],
    ['1,2345', null],
    ['--5', null],
    ['', null],
    ['£', null],
    ['Infinity', null],
  ])('parseNumber(%j) → %j', (text, expected) => expect(parseNumber(text)).toBe(expected));
  it('rounds half away from zero, exactly', () => {
    expect(round(1.005, 2)).toBe(1.01);
    expect(round(2.5)).toBe(3);
    expect(round(-2.5)).toBe(-3);
    expect(round(-0.4)).toBe(0);
    expect(Object.is(round(-0.4), -0)).toBe(false);
    expect(round('12.345', 1)).toBe(12.3);
    expect(() => round(1, 11)).toThrow(/places/);
    expect(() => round('abc')).toThrow(/needs a number/);
  });
  it('truncates to integers', () => {
    expect(toInteger(3.9)).toBe(3);
    expect(toInteger('£1,234.99')).toBe(1234);
    expect(toInteger('x')).toBeNull();
  });
});

describe('UK formats', () => {
  it.each([
    ['sw1a1aa', 'SW1A 1AA'],
    ['  M1   1AE ', 'M1 1AE'],
    ['b338th', 'B33 8TH'],
    ['cr26xh', 'CR2 6XH'],
    ['dn551pt', 'DN55 1PT'],
    ['W1A 0AX', 'W1A 0AX'],
    ['EC1A 1BB', 'EC1A 1BB'],
    ['gir 0aa', 'GIR 0AA'],
    ['BF1 3AA', 'BF1 3AA'],
    ['BFPO 105', null],
    ['QA1 1AA', null],
    ['SW1A 1A', null],
    ['SW1A1AAA', null],
    ['AA1 1CA', null],
    ['12345', null],
  ])('normalisePostcode(%j) → %j', (text, expected) => {
    expect(normalisePostcode(text)).toBe(expected);
    expect(isValidPostcode(text)).toBe(expected !== null);
  });
  it('postcodeOutward', () => expect(postcodeOutward('ec1a1bb')).toBe('EC1A'));
  it.each([
    ['AB12 CDE', true, 'AB12CDE', 'AB12 CDE'],
    ['ab-12-cde', true, 'AB12CDE', 'AB12 CDE'],
    ['A123 BCD', true, 'A123BCD', 'A123BCD'],
    ['ABC 123D', true, 'ABC123D', 'ABC123D'],
    ['ABZ 1234', true, 'ABZ1234', 'ABZ1234'],
    ['1 A', true, '1A', '1A'],
    ['I123 ABC', false, 'I123ABC', null],
    ['AB12 CDEF', false, 'AB12CDEF', null],
    ['AB12 C*E', false, null, null],
  ])('VRM %j', (text, valid, normalised, formatted) => {
    expect(isValidVrm(text)).toBe(valid);
    expect(normaliseVrm(text)).toBe(normalised);
    expect(formatVrm(text)).toBe(formatted);
  });
  it('National Insurance numbers', () => {
    expect(isValidNino('AB 12 34 56 C')).toBe(true);
    expect(isValidNino('QQ123456C')).toBe(false);
    expect(isValidNino('BG123456A')).toBe(false);
    expect(isValidNino('AO123456A')).toBe(false);
    expect(isValidNino('AB123456E')).toBe(false);
  });
  it('phone numbers', () => {
    expect(normaliseUkPhone('0044 7700 900123')).toBe('+447700900123');
    expect(normaliseUkPhone('(01632) 960-001')).toBe('+441632960001');
    expect(normaliseUkPhone('+1 555 0100')).toBeNull();
    expect(normaliseUkPhone('07700 90012')).toBeNull();
  });
});

describe('geography (proj4, OSGB36 Helmert: ~5 m)', () => {
  // metres per degree at UK latitudes, for tolerances
  const M_LAT = 111_000;
  const close = (got: { lat: number; lon: number } | null, lat: number, lon: number, metres: number) => {
    expect(got).not.toBeNull();
    expect(Math.abs(got!.lat - lat) * M_LAT).toBeLessThan(metres);
    expect(Math.abs(got!.lon - lon) * M_LAT * Math.cos((lat * Math.PI) / 180)).toBeLessThan(metres);
  };
  it('converts known points within tolerance', () => {
    // SE 60724 48627 (York), published WGS84 53.930220, -1.0766602
    close(bngToWgs84(460724, 448627), 53.93022, -1.0766602, 5);
    // OS guide worked example, Caister water tower: E 651409.903 N 313177.270 ≈ ETRS89 52°39′28.72″N 1°42′57.79″E
    close(bngToWgs84(651409.903, 313177.27), 52.657978, 1.716053, 5);
    // Greenwich: WGS84 prime meridian at the Royal Observatory
    const g = wgs84ToBng(51.4778, 0);
    expect(g).not.toBeNull();
    close(bngToWgs84(g!.easting, g!.northing), 51.4778, 0, 1.5);
  });
  it('round-trips and refuses off-grid input', () => {
    const en = wgs84ToBng(51.5007, -0.1246)!;
    close(bngToWgs84(en.easting, en.northing), 51.5007, -0.1246, 1.5);
    expect(bngToWgs84(-1, 10)).toBeNull();
    expect(bngToWgs84(800000, 10)).toBeNull();
    expect(wgs84ToBng(40.4, -3.7)).toBeNull();
    expect(bngToWgs84(null, 1)).toBeNull();
  });
  it('validates and rounds coordinates', () => {
    expect(isValidLatLon('51.5', '-0.1')).toBe(true);
    expect(isValidLatLon(0, 0)).toBe(false);
    expect(isValidLatLon(10, 181)).toBe(false);
    expect(isValidLatLon('north', 1)).toBe(false);
    expect(roundCoord(-0.1246789)).toBe(-0.124679);
    expect(roundCoord(51.5007, 2)).toBe(51.5);
  });
});

describe('identifiers', () => {
  it('pseudonymise is HMAC-SHA256 under the run-time key', () => {
    const key = 'a-secret-key-of-some-length';
    const expected = createHmac('sha256', key).update('José Smith').digest();
    expect(pseudonymise({ params: { hmacKey: key } }, 'José Smith')).toBe(expected.toString('hex'));
    expect(pseudonymise({ params: { hmacKey: key } }, 'José Smith', 'base64url')).toBe(expected.toString('base64url'));
    expect(pseudonymise({ params: { hmacKey: key } }, 12345)).toBe(createHmac('sha256', key).update('12345').digest('hex'));
    expect(pseudonymise({ params: { hmacKey: key } }, '')).toBeNull();
  });
  it('pseudonymise without a key is a coded run-time error', () => {
    expect(() => pseudonymise({ params: {} }, 'x')).toThrow(expect.objectContaining({ code: 'MW4903', message: expect.stringMatching(/no hmacKey/) }));
    expect(() => pseudonymise(undefined, 'x')).toThrow(expect.objectContaining({ code: 'MW4903' }));
    expect(() => pseudonymise({ params: { hmacKey: 'short' } }, 'x')).toThrow(/too short/);
  });
  it('uuid5 matches RFC 4122 / Python uuid test vectors', () => {
    expect(uuid5('python.org', 'dns')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    expect(uuid5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(uuid5('http://python.org/', 'url')).toBe('4c565f0d-3f5a-5890-b41b-20cf47701c5e');
    expect(uuid5('', 'dns')).toBeNull();
    expect(() => uuid5('x', 'not-a-uuid')).toThrow(/namespace/);
  });
});

describe('values and lists', () => {
  it('empty handling', () => {
    expect(coalesce(undefined, null, ' ', [], 0)).toBe(0);
    expect(coalesce()).toBeNull();
    expect(isEmpty([])).toBe(true);
    expect(isEmpty(false)).toBe(false);
    expect(defaultIfEmpty(null, 'x')).toBe('x');
    expect(toString(false)).toBe('false');
    expect(toString({ a: 1 })).toBe('{"a":1}');
    expect(toString(undefined)).toBeNull();
  });
  it.each([
    ['Y', true], ['yes', true], [' TRUE ', true], ['1', true], [1, true], ['x', true],
    ['N', false], ['no', false], ['0', false], [0, false], ['off', false],
    ['maybe', null], [2, null], [null, null], ['', null],
  ])('toBoolean(%j) → %j', (v, expected) => expect(toBoolean(v)).toBe(expected));
  it('lists', () => {
    expect(first('x')).toBe('x');
    expect(last([])).toBeNull();
    expect(count(null)).toBe(0);
    expect(distinct([{ a: 1 }, { a: 1 }, 'a', 'a'])).toEqual([{ a: 1 }, 'a']);
    expect(pluck([{ a: 1 }, { a: null }, 'str', { b: 2 }], 'a')).toEqual([1]);
    expect(pluck([JSON.parse('{"__proto__": 1}'), {}], '__proto__')).toEqual([1]);
    expect(pluck([{}, []], 'constructor')).toEqual([]);
    expect(compact([0, false, '', ' ', null])).toEqual([0, false]);
    expect(sum(['1.5', 2, null])).toBe(3.5);
    expect(() => sum(['abc'])).toThrow(/needs a number/);
    expect(flatten([[1], [2, [3]]])).toEqual([1, 2, [3]]);
  });
});
