/**
 * Writes the Acme Records sample export into `samples/`. Run from the repository root:
 *
 *   npx tsx mappings/examples/acme-rms/generate.node.ts [--seed N]
 *
 * The output is committed; `generate.test.ts` fails if it drifts from the generator.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED, generateAcmeExport } from './generate';

const seedArg = process.argv.indexOf('--seed');
const seed = seedArg >= 0 ? Number(process.argv[seedArg + 1]) : DEFAULT_SEED;
if (!Number.isInteger(seed)) {
  process.stderr.write('generate: --seed needs an integer\n');
  process.exit(2);
}
const dir = join(dirname(fileURLToPath(import.meta.url)), 'samples');
mkdirSync(dir, { recursive: true });
const out = generateAcmeExport(seed);
writeFileSync(join(dir, 'offences.ndjson'), out.offencesNdjson);
writeFileSync(join(dir, 'vehicles.csv'), out.vehiclesCsv);
writeFileSync(join(dir, 'messy-records.json'), `${JSON.stringify(out.messy, null, 2)}\n`);
process.stdout.write(
  `wrote ${out.offencesNdjson.split('\n').length - 1} offence records (${out.messy.length} messy) and ${out.vehiclesCsv.split('\r\n').length - 2} vehicle rows to ${dir}\n`,
);
