import { describe, expect, it } from 'vitest';
import { hypotheticalPoleV1_1 } from './__fixtures__/pole-v1.1';
import { diffModels, getModel } from './index';

describe('diffModels', () => {
  it('finds nothing between a model and itself', () => {
    const d = diffModels(getModel('pole'), getModel('pole'));
    expect(d).toMatchObject({ fields: [], codeLists: [], compatible: true });
  });

  it('reports field and code changes from v1.0.0 to a hypothetical v1.1.0', () => {
    const d = diffModels(getModel('pole', '1.0.0'), hypotheticalPoleV1_1());
    expect(d.from).toEqual({ id: 'pole', version: '1.0.0' });
    expect(d.to).toEqual({ id: 'pole', version: '1.1.0' });
    const entityChanges = d.fields
      .filter((f) => f.scope !== 'document')
      .map((f) => `${f.kind} ${f.scope}:${f.path}${f.changed ? ` [${f.changed.join(',')}]` : ''}`);
    expect(entityChanges.sort()).toEqual(
      [
        'added Person:placeOfBirth',
        'retyped Person:sex [cardinality]',
        'removed Event:asbCategory',
        'removed Event:asbCategory.code',
        'removed Event:asbCategory.label',
        'removed Event:asbCategory.mappingQuality',
        'removed Event:asbCategory.scheme',
        'removed Event:asbCategory.sourceCode',
        'removed Event:asbCategory.sourceLabel',
        'removed Event:asbCategory.sourceScheme',
        'retyped Object:yearOfManufacture [type]',
        ...['Person', 'Object', 'Location', 'Event'].map((e) => `retyped ${e}:provenance.extractedAt [type,format]`),
        'retyped Link:provenance.extractedAt [type,format]',
      ].sort(),
    );
    const year = d.fields.find((f) => f.path === 'yearOfManufacture')!;
    expect(year.before?.type).toBe('integer');
    expect(year.after?.type).toBe('string');
    // The document tree sees the same changes under entities[] and links[].
    expect(
      d.fields.some((f) => f.scope === 'document' && f.path === 'entities[].placeOfBirth' && f.kind === 'added'),
    ).toBe(true);

    expect(d.codeLists).toEqual([
      {
        scheme: 'ASB_CATEGORY',
        kind: 'added',
        toVersion: '1.0.0',
        added: ['PERSONAL', 'NUISANCE', 'ENVIRONMENTAL'],
        withdrawn: [],
        relabelled: [],
      },
      {
        scheme: 'FORCE',
        kind: 'changed',
        fromVersion: '1.0.0',
        toVersion: '1.0.0',
        added: [],
        withdrawn: [],
        relabelled: [
          {
            code: 'hampshire',
            from: 'Hampshire and Isle of Wight Constabulary',
            to: 'Hampshire & Isle of Wight Constabulary',
          },
        ],
      },
      {
        scheme: 'POLICE_UK_OUTCOME',
        kind: 'changed',
        fromVersion: '1.0.0',
        toVersion: '1.0.0',
        added: [],
        withdrawn: ['status-update-unavailable'],
        relabelled: [],
      },
      {
        scheme: 'SEX',
        kind: 'changed',
        fromVersion: '1.0.0',
        toVersion: '1.1.0',
        added: ['X'],
        withdrawn: [],
        relabelled: [],
      },
    ]);
    expect(d.compatible).toBe(false);
  });

  it('treats withdrawing an already deprecated code as no change', () => {
    const v11 = hypotheticalPoleV1_1();
    const ic = v11.codeLists.IC_6_1;
    expect(ic.codes.some((c) => c.code === 'IC0')).toBe(false);
    expect(diffModels(getModel('pole'), v11).codeLists.find((c) => c.scheme === 'IC_6_1')).toBeUndefined();
  });
});
