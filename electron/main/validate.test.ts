import { describe, expect, it } from 'vitest';
import { API_METHODS } from '../shared/api';
import { LIMITS, REQUEST_SCHEMAS, isApiMethod, jsonSafetyProblem, validateRequest } from './validate';

const doc = {
  format: 'mapwright.mapping',
  formatVersion: 1,
  id: 'm-1',
  name: 'M',
  version: '0.1.0',
  namespace: 'ns',
  sourceSystem: 'ACME',
  sources: [],
  joins: [],
  target: { modelId: 'pole', modelVersion: '1.0.0' },
  filters: [],
  valueMaps: [],
  root: { fields: [] },
  entities: [],
  links: [],
  layout: { nodes: {}, comments: [] },
};

const msg = (r: ReturnType<typeof validateRequest>) => (r.ok ? 'ok' : r.message);

describe('validateRequest', () => {
  it('has a schema for exactly the contract methods', () => {
    expect(Object.keys(REQUEST_SCHEMAS).sort()).toEqual([...API_METHODS].sort());
    expect(isApiMethod('projects.list')).toBe(true);
    expect(isApiMethod('toString')).toBe(false);
    expect(isApiMethod('__proto__')).toBe(false);
  });

  it('accepts valid payloads', () => {
    expect(validateRequest('projects.list', {})).toEqual({ ok: true, value: {} });
    expect(validateRequest('projects.list', undefined)).toEqual({ ok: true, value: {} });
    expect(msg(validateRequest('projects.create', { name: 'Acme', description: 'x' }))).toBe('ok');
    expect(msg(validateRequest('mapping.save', { projectId: 'p-1', document: doc, baseRevision: 0 }))).toBe('ok');
    expect(msg(validateRequest('tests.save', { projectId: 'p', test: { id: 't1', name: 'n', input: { a: [1, null] }, expected: { reject: { code: 'MW6001' } } } }))).toBe('ok');
    expect(msg(validateRequest('samples.add', { projectId: 'p', sourceId: 's-1', name: 'a.csv', format: 'csv', content: '' }))).toBe('ok');
  });

  it('rejects wrong types, missing and extra keys, with the path', () => {
    expect(msg(validateRequest('projects.get', { id: 42 }))).toBe('Invalid request for projects.get: /id must be string.');
    expect(msg(validateRequest('projects.get', {}))).toMatch(/must have required property 'id'/);
    expect(msg(validateRequest('projects.get', { id: 'a', admin: true }))).toBe('Invalid request for projects.get: / has an unexpected property "admin".');
    expect(msg(validateRequest('projects.list', null))).toMatch(/must be object/);
    expect(msg(validateRequest('projects.list', []))).toMatch(/must be object/);
    expect(msg(validateRequest('projects.create', { name: '   ' }))).toMatch(/\/name must not be blank/);
    expect(msg(validateRequest('mapping.save', { projectId: 'p', document: { ...doc, format: 'other' }, baseRevision: 0 }))).toMatch(/\/document\/format/);
    expect(msg(validateRequest('mapping.save', { projectId: 'p', document: doc, baseRevision: 1.5 }))).toMatch(/baseRevision must be integer/);
    expect(msg(validateRequest('mapping.get', { projectId: 'p', revision: -1 }))).toMatch(/revision must be >= 1/);
    expect(msg(validateRequest('samples.add', { projectId: 'p', sourceId: 's', name: 'a', format: 'exe', content: '' }))).toMatch(/format must be equal to one of/);
    expect(msg(validateRequest('tests.save', { projectId: 'p', test: { id: 't', name: 'n', input: 1, expected: { output: 1, reject: { code: 'x' } } } }))).not.toBe('ok');
  });

  it('refuses ids that could escape a folder or smuggle syntax', () => {
    for (const id of ['../x', 'a/b', 'a\\b', '', '.hidden', 'a b', 'x\u0000']) {
      expect(msg(validateRequest('tests.delete', { projectId: 'p', id })), id).not.toBe('ok');
    }
  });

  it('refuses huge strings', () => {
    expect(msg(validateRequest('projects.create', { name: 'x'.repeat(LIMITS.name + 1) }))).toMatch(/must NOT have more than 200 characters/);
    expect(msg(validateRequest('app.openExternal', { url: `https://a/${'x'.repeat(LIMITS.url)}` }))).not.toBe('ok');
    expect(msg(validateRequest('samples.add', { projectId: 'p', sourceId: 's', name: 'a', format: 'csv', content: 'x'.repeat(LIMITS.content + 1) }))).toMatch(/content must NOT have more than/);
  });

  it('refuses prototype-pollution keys anywhere, and non-JSON values', () => {
    const polluted = JSON.parse('{"name":"a","__proto__":{"admin":true}}');
    expect(msg(validateRequest('projects.create', polluted))).toMatch(/forbidden key "__proto__"/);
    const deep = JSON.parse('{"projectId":"p","test":{"id":"t","name":"n","input":{"a":{"constructor":{"prototype":{}}}},"expected":{"output":1}}}');
    expect(msg(validateRequest('tests.save', deep))).toMatch(/\/test\/input\/a\/constructor uses the forbidden key/);
    expect(msg(validateRequest('projects.get', { id: new Date() as unknown as string }))).toMatch(/not a plain JSON object/);
    expect(msg(validateRequest('projects.recent', { limit: Number.NaN }))).toMatch(/not a finite number/);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('refuses pathological nesting without overflowing the stack', () => {
    let v: unknown = 1;
    for (let i = 0; i < 100_000; i++) v = [v];
    expect(jsonSafetyProblem(v)).toMatch(/nested more than 200 levels/);
  });
});
