/**
 * Reader and inference throughput (run with `npx vitest bench --run mappings/io`). Inputs are
 * generated: ~5 MB of each format, so MB/s can be read off the ops/s.
 */
import { bench, describe } from 'vitest';
import { inferSchema } from '../schema/index';
import { parseRecords } from './index';

const N = 50_000;
const csv = 'id,forename,surname,dob,postcode,offence,notes\n' + Array.from({ length: N }, (_, i) => `${i},Amelia,Hughes,03/04/1985,LS1 4AP,THEFT,"note, with comma ${i}"`).join('\n');
const ndjson = Array.from({ length: N }, (_, i) => JSON.stringify({ id: i, name: { given: ['Amelia'], family: 'Hughes' }, dob: '1985-04-03', tags: ['a', 'b'] })).join('\n');
const json = `[${ndjson.split('\n').join(',\n')}]`;
const xml = `<Export>${Array.from({ length: N }, (_, i) => `<Rec id="${i}"><Name>Hughes</Name><Dob>03/04/1985</Dob><Alias>A</Alias><Alias>B</Alias></Rec>`).join('')}</Export>`;

describe('readers', () => {
  bench(`csv ${(csv.length / 1e6).toFixed(1)} MB`, () => void parseRecords(csv, { format: 'csv' }), { iterations: 3 });
  bench(`ndjson ${(ndjson.length / 1e6).toFixed(1)} MB`, () => void parseRecords(ndjson, { format: 'ndjson' }), { iterations: 3 });
  bench(`json array ${(json.length / 1e6).toFixed(1)} MB`, () => void parseRecords(json, { format: 'json' }), { iterations: 3 });
  bench(`xml ${(xml.length / 1e6).toFixed(1)} MB`, () => void parseRecords(xml, { format: 'xml', recordPath: '/Export/Rec' }), { iterations: 3 });
});

describe('inference', () => {
  bench('csv', () => void inferSchema({ name: 'b', format: 'csv', content: csv }), { iterations: 3 });
  bench('ndjson', () => void inferSchema({ name: 'b', format: 'ndjson', content: ndjson }), { iterations: 3 });
  bench('xml', () => void inferSchema({ name: 'b', format: 'xml', content: xml }), { iterations: 3 });
});
