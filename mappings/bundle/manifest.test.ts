import { describe, expect, it } from 'vitest';
import { checkIntegrity, fileTable, parseManifest, type BundleManifest } from './manifest';

const enc = new TextEncoder();
const files = { 'run.mjs': enc.encode('console.log(1)'), 'tests/a.json': enc.encode('{}'), 'signatures/x.json': enc.encode('{}') };
const manifest = { format: 'mapwright.bundle', formatVersion: 1, files: fileTable(files) } as BundleManifest;

describe('checkIntegrity', () => {
  it('lists every file but the manifest and signatures, and passes an intact set', () => {
    expect(Object.keys(manifest.files)).toEqual(['run.mjs', 'tests/a.json']);
    expect(checkIntegrity(manifest, fileTable(files))).toEqual([]);
  });

  it('reports a changed, a missing and an extra file by name', () => {
    const changed = fileTable({ ...files, 'run.mjs': enc.encode('console.log(2)') });
    expect(checkIntegrity(manifest, changed).map((d) => `${d.code} ${d.location.file}`)).toEqual(['MW7102 run.mjs']);
    const { 'tests/a.json': _gone, ...rest } = files;
    expect(checkIntegrity(manifest, fileTable(rest)).map((d) => d.code)).toEqual(['MW7103']);
    expect(checkIntegrity(manifest, fileTable({ ...files, 'evil.mjs': enc.encode('') })).map((d) => `${d.code} ${d.location.file}`)).toEqual(['MW7104 evil.mjs']);
    expect(checkIntegrity(manifest, fileTable({ ...files, 'run.mjs': enc.encode('console.log(1);') })).map((d) => d.code)).toEqual(['MW7105']);
  });

  it('parseManifest refuses other formats and versions', () => {
    expect(parseManifest('{"format":"mapwright.bundle","formatVersion":2,"files":{}}').diagnostics[0]?.message).toMatch(/formatVersion 2 is not supported/);
    expect(parseManifest('nope').diagnostics[0]?.code).toBe('MW7101');
  });
});
