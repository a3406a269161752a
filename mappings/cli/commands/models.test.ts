import { describe, expect, it } from 'vitest';
import { captureOutputEachTest } from '../test-helpers.node';
import { main } from '../main';
import { command, table } from './models';

const io = captureOutputEachTest();

describe('mapwright models', () => {
  it('lists models, code lists with counts and sources, and crosswalks', async () => {
    io.clear();
    expect(await command.run([])).toBe(0);
    expect(io.out).toMatch(/^ID\s+VERSION\s+NAME\s+ENTITIES$/m);
    expect(io.out).toMatch(/^pole\s+1\.0\.0\s+POLE common model\s+Person, Object, Location, Event$/m);
    expect(io.out).toMatch(/^FORCE\s+1\.0\.0\s+44\s+data\.police\.uk API: list of forces$/m);
    expect(io.out).toMatch(/^SDE_18_1\s+1\.0\.0\s+19\s+/m);
    expect(io.out).toMatch(/^SDE_18_1-to-SDE_16_1\s+SDE_18_1\s+SDE_16_1\s+19\s+2$/m);
  });

  it('prints one code list, with notes', async () => {
    io.clear();
    expect(await command.run(['POLICE_UK_CATEGORY'])).toBe(0);
    expect(io.out.split('\n')[0]).toBe('POLICE_UK_CATEGORY 1.0.0 — police.uk crime category');
    expect(io.out).toContain(
      'Source: data.police.uk API: crime categories <https://data.police.uk/docs/method/crime-categories/>',
    );
    expect(io.out).toMatch(/^public-disorder-weapons\s+Public disorder and weapons\s+deprecated; until 2013-04-30$/m);
    io.clear();
    expect(await command.run(['age_band_police_uk'])).toBe(0);
    expect(io.out).toMatch(/^18-24\s+18 to 24\s+min=18; max=24$/m);
  });

  it('prints a crosswalk and JSON', async () => {
    io.clear();
    await command.run(['SDE_16_1-to-SDE_18_1']);
    expect(io.out).toMatch(/^O1\s+A4\s+exact\s+Chinese moved/m);
    io.clear();
    await command.run(['SEX', '--json']);
    expect(JSON.parse(io.out)).toMatchObject({
      scheme: 'SEX',
      codes: expect.arrayContaining([{ code: 'F', label: 'Female' }]),
    });
    io.clear();
    await command.run(['--json']);
    const j = JSON.parse(io.out);
    expect(j.models[0]).toMatchObject({ id: 'pole', version: '1.0.0' });
    expect(j.codeLists.find((l: { scheme: string }) => l.scheme === 'FORCE')).toMatchObject({
      codes: 44,
      source: { url: 'https://data.police.uk/docs/method/forces/' },
    });
  });

  it('exits 2 with a helpful message for unknown schemes and models', async () => {
    io.clear();
    expect(await main(['models', 'NOPE'])).toBe(2);
    expect(io.err).toContain('No code list or crosswalk "NOPE" in pole@1.0.0. Known: AGE_BAND_POLICE_UK');
    io.clear();
    expect(await main(['models', '--model', 'pole@2.0.0'])).toBe(2);
    expect(io.err).toContain('No target model "pole" version 2.0.0');
  });

  it('renders aligned tables', () => {
    expect(
      table(
        ['A', 'BB'],
        [
          ['xxx', 'y'],
          ['z', ''],
        ],
      ),
    ).toBe('A    BB\n---  --\nxxx  y\nz');
  });
});
