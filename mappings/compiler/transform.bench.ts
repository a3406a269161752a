/**
 * Micro-benchmark (not a test): compiled transform vs a hand-written TypeScript transform of the
 * same mapping vs JSONata. Run: `npx tsx mappings/compiler/transform.bench.ts [records]`.
 * The hand-written version uses the same uuid5 helper so both pay the same identity cost; JSONata
 * has no uuid5, so its expression builds the same document without ids (a lower bound on its cost).
 */
import jsonata from 'jsonata';
import { isDeepStrictEqual } from 'node:util';
import type { MappingDocument, ValueNode } from '../document/types';
import { keyedId, positionalId, uuidBytes } from '../runtime/helpers';
import { compileMapping, loadCompiled } from './compile';
import { flatModel, miniModel } from './test-models';

const F = (id: string, path: string): ValueNode => ({ id, kind: 'field', path });
const doc: MappingDocument = {
  format: 'mapwright.mapping',
  formatVersion: 1,
  id: 'b0b0b0b0-1111-4222-8333-444444444444',
  name: 'bench',
  version: '1.0.0',
  namespace: 'b0b0b0b0-1111-4222-8333-555555555555',
  sourceSystem: 'BENCH',
  recordId: F('n-rid', 'ref'),
  sources: [{ id: 's-1', name: 'bench', format: 'ndjson', primary: true, schema: { id: 'source:bench', name: 'bench', origin: 'ndjson', fields: [
    { path: 'ref', name: 'ref', type: 'string', cardinality: 'one' },
    { path: 'summary', name: 'summary', type: 'string', cardinality: 'optional' },
    { path: 'persons[]', name: 'persons', type: 'object', cardinality: 'many', children: [
      { path: 'persons[].surname', name: 'surname', type: 'string', cardinality: 'optional' },
      { path: 'persons[].sex', name: 'sex', type: 'string', cardinality: 'optional' },
      { path: 'persons[].age', name: 'age', type: 'integer', cardinality: 'optional' },
    ] },
  ] } }],
  joins: [],
  target: { modelId: 'mini', modelVersion: '1.0.0' },
  filters: [],
  valueMaps: [{ id: 'vm-sex', name: 'sex', sourceScheme: 'ACME_SEX', targetScheme: 'SEX', entries: [{ from: 'M', to: 'M', quality: 'exact' }, { from: 'F', to: 'F', quality: 'exact' }, { from: 'X', to: 'U', quality: 'lossy' }], unmapped: { policy: 'default', value: 'NS' }, output: 'coded' }],
  root: { fields: [] },
  entities: [
    { id: 'r-ev', entity: 'Event', key: [F('n-k', 'ref')], fields: [{ id: 'r-1', target: 'reference', value: F('n-1', 'ref') }, { id: 'r-2', target: 'summary', value: F('n-2', 'summary') }] },
    { id: 'r-p', entity: 'Person', forEach: { path: 'persons[]', as: 'person' }, fields: [
      { id: 'r-3', target: 'names[0].family', value: F('n-3', 'surname') },
      { id: 'r-4', target: 'sex', value: { id: 'n-4', kind: 'map', valueMap: 'vm-sex', input: F('n-5', 'sex') } },
      { id: 'r-5', target: 'age', value: F('n-6', 'age') },
    ] },
  ],
  links: [{ id: 'r-l', role: { id: 'n-7', kind: 'const', value: 'VICTIM' }, from: 'r-p', to: 'r-ev', parent: 'r-p', fields: [] }],
  layout: { nodes: {}, comments: [] },
};

// ---- hand-written equivalent ---------------------------------------------------------------------
const NS = uuidBytes(doc.namespace);
const SEX: Record<string, [string, string, string]> = { M: ['M', 'exact', 'Male'], F: ['F', 'exact', 'Female'], X: ['U', 'lossy', 'Unknown'] };
const hasOwn = Object.prototype.hasOwnProperty;
function handWritten(record: Record<string, unknown>, ctx: { file?: string; record?: number }) {
  const ref = hasOwn.call(record, 'ref') ? (record.ref as string) : undefined;
  const prov = (rule: string) => ({ sourceSystem: 'BENCH', ...(ref !== undefined ? { sourceRecordId: ref } : {}), ...(ctx.file !== undefined ? { sourceFile: ctx.file } : {}), ...(ctx.record !== undefined ? { sourceRow: ctx.record } : {}), mappingId: doc.id, mappingVersion: doc.version, ruleIds: [rule] });
  const entities: Record<string, unknown>[] = [];
  const links: Record<string, unknown>[] = [];
  const evId = ref === undefined || ref === '' ? positionalId(NS, 'Event', 'r-ev', ref ?? ctx.record ?? null, []) : keyedId(NS, 'Event', [ref]);
  const ev: Record<string, unknown> = { id: evId, entityType: 'Event', provenance: prov('r-ev') };
  if (ref) ev.reference = ref;
  const summary = hasOwn.call(record, 'summary') ? record.summary : undefined;
  if (summary !== undefined && summary !== null && summary !== '') ev.summary = summary;
  entities.push(ev);
  const persons = Array.isArray(record.persons) ? record.persons.filter((p) => p !== null && p !== undefined) : [];
  for (let i = 0; i < persons.length; i++) {
    const p = persons[i] as Record<string, unknown>;
    const id = positionalId(NS, 'Person', 'r-p', ref ?? ctx.record ?? null, [i]);
    const o: Record<string, unknown> = { id, entityType: 'Person', provenance: prov('r-p') };
    if (p.surname) o.names = [{ family: p.surname }];
    const sex = p.sex as string | undefined;
    if (sex) {
      const hit = SEX[sex];
      o.sex = hit
        ? { code: hit[0], scheme: 'SEX', label: hit[2], sourceCode: sex, sourceScheme: 'ACME_SEX', mappingQuality: hit[1] }
        : { code: 'NS', scheme: 'SEX', label: 'Not stated', sourceCode: sex, sourceScheme: 'ACME_SEX', mappingQuality: 'unmapped' };
    }
    if (p.age !== undefined && p.age !== null) o.age = p.age;
    entities.push(o);
    links.push({ id: keyedId(NS, 'Link', [id, evId, 'VICTIM']), from: id, to: evId, role: { code: 'VICTIM', scheme: 'ROLE', label: 'Victim' }, provenance: prov('r-l') });
  }
  return { ok: true, output: { modelVersion: '1.0.0', mapping: { id: doc.id, version: doc.version }, entities, links } };
}

const JSONATA = `{
  "modelVersion": "1.0.0",
  "mapping": {"id": $docId, "version": "1.0.0"},
  "entities": [
    {"entityType": "Event", "reference": ref, "summary": summary},
    persons.{"entityType": "Person", "names": [{"family": surname}],
      "sex": $lookup($sex, sex) ? {"code": $lookup($sex, sex)[0], "scheme": "SEX", "label": $lookup($sex, sex)[2], "sourceCode": sex, "sourceScheme": "ACME_SEX", "mappingQuality": $lookup($sex, sex)[1]}
                                 : {"code": "NS", "scheme": "SEX", "label": "Not stated", "sourceCode": sex, "sourceScheme": "ACME_SEX", "mappingQuality": "unmapped"},
      "age": age}
  ],
  "links": [persons.{"role": {"code": "VICTIM", "scheme": "ROLE", "label": "Victim"}}]
}`;

/** A flat mapping (no entities, so no identity hashing): where JSONata does the same work. */
const flatDoc: MappingDocument = {
  ...doc,
  target: { modelId: 'flat', modelVersion: '1.0.0' },
  entities: [],
  links: [],
  recordId: undefined,
  valueMaps: [{ ...doc.valueMaps[0], output: 'code' }],
  root: {
    fields: [
      { id: 'r-f1', target: 'ref', value: F('n-f1', 'ref') },
      { id: 'r-f2', target: 'name', value: { id: 'n-f2', kind: 'aggregate', op: 'first', input: F('n-f3', 'persons[].surname') } },
      { id: 'r-f3', target: 'sex', value: { id: 'n-f4', kind: 'map', valueMap: 'vm-sex', input: { id: 'n-f5', kind: 'aggregate', op: 'first', input: F('n-f6', 'persons[].sex') } } },
      { id: 'r-f4', target: 'count', value: { id: 'n-f7', kind: 'aggregate', op: 'count', input: F('n-f8', 'persons[]') } },
      { id: 'r-f5', target: 'tags', value: { id: 'n-f9', kind: 'aggregate', op: 'distinct', input: F('n-f10', 'persons[].sex') } },
    ],
  },
};
const JSONATA_FLAT = `(
  $s := persons[sex != ""][0].sex;
  {
    "ref": ref,
    "name": persons[surname != ""][0].surname,
    "sex": $s ? ($lookup($sex, $s) ? $lookup($sex, $s)[0] : "NS"),
    "count": $count(persons),
    "tags": $distinct(persons[sex != ""].sex)
  }
)`;

function records(n: number) {
  const sexes = ['M', 'F', 'X', 'Q', ''];
  return Array.from({ length: n }, (_, i) => ({
    ref: `AC/24/${String(i).padStart(6, '0')}`,
    summary: i % 3 ? 'Burglary dwelling' : '',
    persons: Array.from({ length: 1 + (i % 3) }, (_, k) => ({ surname: `Surname${k}`, sex: sexes[(i + k) % 5], age: 20 + ((i * 7 + k) % 60) })),
  }));
}

async function main() {
  const n = Number(process.argv[2] ?? 20000);
  const data = records(n);
  const compiled = compileMapping(doc, miniModel());
  if (compiled.diagnostics.length) throw new Error(JSON.stringify(compiled.diagnostics));
  const { transform } = loadCompiled(compiled.code);
  for (let i = 0; i < 50; i++) {
    const ctx = { file: 'bench.ndjson', record: i + 1 };
    if (!isDeepStrictEqual(transform(data[i], ctx), handWritten(data[i], ctx))) throw new Error(`outputs differ at record ${i + 1}`);
  }
  const expr = jsonata(JSONATA);
  const bindings = { docId: doc.id, sex: SEX };
  const time = async (name: string, fn: (r: Record<string, unknown>, i: number) => unknown, count = n) => {
    for (let i = 0; i < Math.min(count, 2000); i++) await fn(data[i], i); // warm-up
    const t0 = performance.now();
    for (let i = 0; i < count; i++) await fn(data[i], i);
    const ms = performance.now() - t0;
    const rate = count / (ms / 1000);
    console.log(`${name.padEnd(14)} ${Math.round(rate).toLocaleString('en-GB').padStart(10)} records/s`);
    return rate;
  };
  // Interleaved rounds, best of each: the machine may be shared, so compare like with like.
  let c = 0;
  let h = 0;
  let j = 0;
  for (let round = 0; round < 5; round++) {
    c = Math.max(c, await time('compiled', (r, i) => transform(r, { file: 'bench.ndjson', record: i + 1 })));
    h = Math.max(h, await time('hand-written', (r, i) => handWritten(r, { file: 'bench.ndjson', record: i + 1 })));
    if (round < 2) j = Math.max(j, await time('jsonata', (r) => expr.evaluate(r, bindings), Math.min(n, 5000)));
  }
  const flat = loadCompiled(compileMapping(flatDoc, flatModel()).code).transform;
  const flatExpr = jsonata(JSONATA_FLAT);
  let fc = 0;
  let fj = 0;
  for (let round = 0; round < 3; round++) {
    fc = Math.max(fc, await time('flat compiled', (r, i) => flat(r, { record: i + 1 })));
    fj = Math.max(fj, await time('flat jsonata', (r) => flatExpr.evaluate(r, { sex: SEX }), Math.min(n, 5000)));
  }
  console.log(`flat mapping: compiled / jsonata = ${(fc / fj).toFixed(1)}×`);
  console.log(`compiled / hand-written = ${(c / h).toFixed(2)}×; compiled / jsonata = ${(c / j).toFixed(1)}×`);
}

void main();
