import { describe, expect, it } from 'vitest';
import { checkSample, languageFor } from './sample-markers';

describe('checkSample', () => {
  it('puts a CSV row with too few fields on its line', () => {
    const r = checkSample('id,name\n1,Ann\n2\n3,Cy\n', 'csv', { file: 'p.csv' });
    expect(r.records).toBe(3);
    expect(r.rejected).toBe(1);
    expect(r.markers).toHaveLength(1);
    expect(r.markers[0]).toMatchObject({ severity: 'error', code: 'MW1003', startLine: 3, record: 2 });
    expect(r.truncated).toBe(false);
  });

  it('marks a broken NDJSON line at its column, and reports nothing for valid text', () => {
    const bad = checkSample('{"a":1}\n{"a": tru}\n{"a":3}\n', 'ndjson');
    expect(bad.markers).toHaveLength(1);
    expect(bad.markers[0].startLine).toBe(2);
    expect(bad.markers[0].startColumn).toBeGreaterThan(1);
    expect(bad.markers[0].endColumn).toBeGreaterThan(bad.markers[0].startColumn);
    expect(checkSample('{"a":1}\n{"a":2}\n', 'ndjson').markers).toEqual([]);
  });

  it('marks malformed XML and JSON with the reader’s own locations', () => {
    const xml = checkSample('<Export>\n  <P><N>A</N></P>\n  <P><N>B</M></P>\n</Export>\n', 'xml', { recordPath: '/Export/P' });
    expect(xml.markers.some((m) => m.severity === 'error' && m.startLine === 3)).toBe(true);
    const json = checkSample('[\n {"a":1},\n {"a":}\n]', 'json');
    expect(json.markers[0]).toMatchObject({ severity: 'error', startLine: 3 });
  });

  it('checks only the first part of a large sample, without blaming the cut', () => {
    const line = '{"id":"x","n":1}\n';
    const text = line.repeat(2000) + '{"broken"\n';
    const r = checkSample(text, 'ndjson', { limit: 1000 });
    expect(r.truncated).toBe(true);
    expect(r.markers).toEqual([]);
    expect(r.records).toBe(Math.floor(1000 / line.length));
    const arr = '[' + '{"a":1},'.repeat(500) + '{"a":1}]';
    expect(checkSample(arr, 'json', { limit: 100 }).markers).toEqual([]);
  });

  it('picks a Monaco language per format (never Monaco’s JSON service for NDJSON)', () => {
    expect(languageFor('ndjson')).toBe('mapwright-json');
    expect(languageFor('xml')).toBe('xml');
    expect(languageFor('csv')).toBe('plaintext');
  });
});
