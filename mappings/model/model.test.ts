import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  builtInModelDiagnostics,
  codeLabel,
  findField,
  getModel,
  isCodeActive,
  listModels,
  lookupCrosswalk,
  validateCodeLists,
  walkFields,
  type CodeList,
  type Crosswalk,
} from './index';
import { MappingError } from '../diagnostics/diagnostic';
import { getPointer } from './json-schema-tree';

const here = dirname(fileURLToPath(import.meta.url));
const v1 = join(here, 'pole/v1');
const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as unknown;

describe('built-in model registry', () => {
  it('lists POLE v1 with its entities', () => {
    const [pole] = listModels();
    expect(pole).toMatchObject({
      id: 'pole',
      version: '1.0.0',
      name: 'POLE common model',
      entities: ['Person', 'Object', 'Location', 'Event'],
    });
    expect(pole.codeLists).toBeGreaterThanOrEqual(20);
  });

  it('loads POLE v1 without any diagnostics', () => {
    expect(builtInModelDiagnostics('pole')).toEqual([]);
  });

  it('returns the same cached model and pins versions', () => {
    expect(getModel('pole')).toBe(getModel('pole', '1.0.0'));
    expect(() => getModel('pole', '9.9.9')).toThrow(MappingError);
    expect(() => getModel('nope')).toThrow(/No target model "nope"/);
  });

  it('declares entities, links and the link role scheme', () => {
    const m = getModel('pole');
    expect(m.entities.map((e) => [e.name, e.def, e.collection])).toEqual([
      ['Person', '#/$defs/Person', 'entities'],
      ['Object', '#/$defs/Object', 'entities'],
      ['Location', '#/$defs/Location', 'entities'],
      ['Event', '#/$defs/Event', 'entities'],
    ]);
    expect(m.links?.collection).toBe('links');
    expect(m.linkRoleScheme).toBe('LINK_ROLE');
    expect(m.tree).toMatchObject({ id: 'model:pole@1.0.0', origin: 'model' });
  });
});

describe('POLE v1 schema', () => {
  const text = readFileSync(join(v1, 'pole.schema.json'), 'utf8');
  const schema = JSON.parse(text) as Record<string, unknown>;

  it('is stored in canonical form, so built-in tree positions are true file positions', () => {
    expect(text).toBe(`${JSON.stringify(schema, null, 2)}\n`);
  });

  it('is versioned', () => {
    expect(schema.$id).toContain('/1.0.0/');
    expect(getPointer(schema, '/properties/modelVersion/const')).toBe('1.0.0');
    const changelog = readFileSync(join(v1, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toMatch(/## 1\.0\.0/);
  });

  it('describes every property', () => {
    const missing: string[] = [];
    const visit = (node: unknown, ptr: string) => {
      if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${ptr}/${i}`));
      if (typeof node !== 'object' || node === null) return;
      const o = node as Record<string, unknown>;
      if (o.properties && typeof o.properties === 'object' && !ptr.endsWith('/if')) {
        for (const [k, v] of Object.entries(o.properties as Record<string, Record<string, unknown>>)) {
          // A `then` may narrow a property its definition already declares (FuzzyDate.value's pattern).
          const owner = ptr.match(/^(.*)\/allOf\/\d+\/then$/)?.[1];
          const refinement = owner !== undefined && getPointer(schema, `${owner}/properties/${k}`) !== undefined;
          if (!refinement && typeof v.description !== 'string') missing.push(`${ptr}/properties/${k}`);
        }
      }
      for (const [k, v] of Object.entries(o)) if (k !== 'if' && k !== 'x-mapwright') visit(v, `${ptr}/${k}`);
    };
    visit(schema, '');
    expect(missing).toEqual([]);
  });

  it('gives every entity and link field a data-protection class', () => {
    const m = getModel('pole');
    for (const tree of [...m.entities.map((e) => e.tree), m.links!.tree]) {
      for (const f of walkFields(tree)) expect(f.dataProtection, f.path).toBeDefined();
    }
    const person = m.entities.find((e) => e.name === 'Person')!.tree;
    expect(findField(person, 'ethnicitySelfDefined')?.dataProtection).toBe('special-category');
    expect(findField(person, 'dateOfBirth')?.dataProtection).toBe('personal');
    expect(findField(person, 'dateOfBirth.precision')?.dataProtection).toBe('personal');
    const event = m.entities.find((e) => e.name === 'Event')!.tree;
    expect(findField(event, 'offence')?.dataProtection).toBe('criminal-offence');
    expect(findField(event, 'custodyReference')?.dataProtection).toBe('criminal-offence');
  });

  it('binds every x-code-list to a shipped code list', () => {
    const m = getModel('pole');
    const bound = new Set<string>();
    for (const tree of [m.tree.fields]) for (const f of walkFields(tree)) if (f.codeList) bound.add(f.codeList);
    for (const scheme of bound) expect(m.codeLists[scheme], scheme).toBeDefined();
    expect(bound.size).toBeGreaterThanOrEqual(20);
  });

  it('builds entity trees with subtype conditions and file positions', () => {
    const m = getModel('pole');
    const obj = m.entities.find((e) => e.name === 'Object')!.tree;
    const vrm = findField(obj, 'vrm')!;
    expect(vrm).toMatchObject({
      type: 'string',
      cardinality: 'optional',
      condition: 'objectType.code = VEHICLE',
      dataProtection: 'personal',
    });
    expect(vrm.position?.file).toBe('mappings/model/pole/v1/pole.schema.json');
    expect(text.split('\n')[vrm.position!.line - 1].slice(vrm.position!.column - 1)).toMatch(/^"vrm":/);
    expect(findField(obj, 'objectType')).toMatchObject({ cardinality: 'one', codeList: 'OBJECT_TYPE' });
    expect(findField(obj, 'make')?.condition).toContain('objectType.code = DEVICE');
    const person = m.entities.find((e) => e.name === 'Person')!.tree;
    expect(findField(person, 'names[]')).toMatchObject({ type: 'array', itemType: 'object', cardinality: 'many' });
    expect(findField(person, 'names[].given[]')).toMatchObject({ type: 'array', itemType: 'string' });
    expect(findField(person, 'dateOfBirth.precision')).toMatchObject({
      cardinality: 'one',
      enum: ['year', 'month', 'day', 'minute', 'second'],
    });
    expect(findField(person, 'provenance.sourceSystem')?.cardinality).toBe('one');
    expect(findField(person, 'provenance.sourceRecordId')?.cardinality).toBe('optional');
  });
});

describe('code lists and crosswalks', () => {
  const listDir = join(v1, 'code-lists');
  const files = readdirSync(listDir).filter((f) => f.endsWith('.json'));
  const lists = files.map((f) => readJson(join(listDir, f)) as CodeList);
  const walks = readdirSync(join(listDir, 'crosswalks')).map(
    (f) => readJson(join(listDir, 'crosswalks', f)) as Crosswalk,
  );

  it('all validate against their schemas and cross-file rules', () => {
    expect(validateCodeLists(lists, walks)).toEqual([]);
  });

  it('names each file after its scheme or id', () => {
    for (const [i, f] of files.entries()) expect(f).toBe(`${lists[i].scheme}.json`);
    for (const w of walks) expect(readdirSync(join(listDir, 'crosswalks'))).toContain(`${w.id}.json`);
  });

  it('ships every list the brief requires, each with a source', () => {
    const schemes = lists.map((l) => l.scheme);
    for (const s of [
      'SEX',
      'GENDER',
      'SDE_18_1',
      'SDE_16_1',
      'IC_6_1',
      'ETH_BROAD_5_1',
      'POLICE_UK_CATEGORY',
      'POLICE_UK_OUTCOME',
      'SS_LEGISLATION',
      'SS_OBJECT',
      'SS_OUTCOME',
      'AGE_BAND_POLICE_UK',
      'LINK_ROLE',
      'OBJECT_TYPE',
      'EVENT_TYPE',
      'LOCATION_TYPE',
      'PROPERTY_STATUS',
      'NAME_USE',
      'IDENTIFIER_SCHEME',
      'FORCE',
    ]) {
      expect(schemes).toContain(s);
    }
    for (const l of [...lists, ...walks]) expect(l.source.url).toMatch(/^https:\/\//);
  });

  it('has the 43 territorial forces plus BTP with distinct PNC codes', () => {
    const force = lists.find((l) => l.scheme === 'FORCE')!;
    expect(force.codes).toHaveLength(44);
    expect(new Set(force.codes.map((c) => c.attributes?.pnc)).size).toBe(44);
    expect(force.codes.find((c) => c.code === 'metropolitan')?.attributes?.pnc).toBe('01');
    expect(force.codes.find((c) => c.code === 'btp')?.label).toBe('British Transport Police');
  });

  it('has 18+1 and 16+1 ethnicity codes', () => {
    expect(lists.find((l) => l.scheme === 'SDE_18_1')!.codes).toHaveLength(19);
    expect(lists.find((l) => l.scheme === 'SDE_16_1')!.codes).toHaveLength(17);
  });

  it('flags lossy recodes and covers every source code', () => {
    const m = getModel('pole');
    const up = lookupCrosswalk(m, 'SDE_16_1-to-SDE_18_1')!;
    expect(up.entries.find((e) => e.from === 'O1')).toMatchObject({ to: 'A4', quality: 'exact' });
    expect(up.entries.find((e) => e.from === 'W9')?.quality).toBe('narrower');
    const down = lookupCrosswalk(m, { from: 'SDE_18_1', to: 'SDE_16_1' })!;
    expect(down.entries.find((e) => e.from === 'W3')).toMatchObject({ to: 'W9', quality: 'broader' });
    expect(lookupCrosswalk(m, 'IC_6_1-to-ETH_BROAD_5_1')!.entries.find((e) => e.from === 'IC6')?.quality).toBe('lossy');
    for (const w of Object.values(m.crosswalks)) {
      const from = m.codeLists[w.fromScheme].codes.map((c) => c.code);
      expect(new Set(w.entries.map((e) => e.from)), w.id).toEqual(new Set(from));
    }
  });

  it('rejects duplicate codes, unknown crosswalk codes and schema violations with located messages', () => {
    const sex = lists.find((l) => l.scheme === 'SEX')!;
    const dup: CodeList = { ...sex, codes: [...sex.codes, { code: 'F', label: 'Female again' }] };
    const badWalk: Crosswalk = {
      id: 'x',
      fromScheme: 'SEX',
      toScheme: 'SEX',
      version: '1.0.0',
      source: { title: 't', url: 'https://e.org' },
      entries: [
        { from: 'Q', to: 'F', quality: 'exact' },
        { from: 'M', to: 'M', quality: 'exact' },
        { from: 'M', to: 'F', quality: 'lossy' },
      ],
    };
    const messages = validateCodeLists([dup, { scheme: 'bad scheme', codes: [] }], [badWalk], {
      SEX: 'SEX.json',
      x: 'x.json',
    }).map((d) => `${d.code} ${d.location.file ?? ''}${d.location.pointer ?? ''} ${d.message}`);
    expect(messages).toContain('MW2009 SEX.json/codes/5/code Code "F" appears more than once in code list SEX');
    expect(messages).toContain('MW2010 x.json/entries/0/from Crosswalk x uses "Q", which is not a code of SEX');
    expect(messages).toContain('MW2014 x.json/entries/2 Crosswalk x maps "M" to more than one code (M, F)');
    expect(messages.some((m) => m.startsWith('MW2008') && m.includes('/scheme must match pattern'))).toBe(true);
  });

  it('answers label lookups and activity', () => {
    const m = getModel('pole');
    expect(codeLabel(m, 'SEX', 'F')).toBe('Female');
    expect(codeLabel(m, 'LINK_ROLE', 'VICTIM')).toBe('Victim');
    expect(codeLabel(m, 'SEX', 'Z')).toBeUndefined();
    expect(codeLabel(m, 'NOPE', 'F')).toBeUndefined();
    const old = m.codeLists.POLICE_UK_CATEGORY.codes.find((c) => c.code === 'public-disorder-weapons')!;
    expect(isCodeActive(old)).toBe(false);
    expect(isCodeActive(m.codeLists.SEX.codes[0], '2024-01-01')).toBe(true);
  });
});
