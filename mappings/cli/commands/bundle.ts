/**
 * `mapwright bundle PROJECT|MAPPING --out FILE` — builds a runnable, verifiable mapping bundle
 * (docs/bundle-format.md), optionally signed by its author.
 */
import { readFile } from 'node:fs/promises';
import { formatDiagnostic } from '../../diagnostics/diagnostic';
import { signManifest } from '../../bundle/signatures.node.js';
import { addSignature, buildBundle, writeBundle } from '../../bundle/writer.node.js';
import { parseCliArgs, UsageError, type CliCommand } from '../command';

const usage = `Usage: mapwright bundle PROJECT_DIR|MAPPING --out FILE [--folder] [--version X] [--notes TEXT]
                        [--author NAME] [--sign KEYFILE [--passphrase-env VAR]] [--created-at ISO]

Builds a bundle: one .mwb file (a zip) holding the mapping, its compiled transform, the pinned
engine, the target-model validator, the test cases, a review report and a manifest of sha256
hashes. Unpacked, it runs anywhere Node 20+ is: node run.mjs --input FILE. The mapping must have
no checker errors and every test case must pass, or nothing is written.

Options:
  --out FILE           the .mwb file to write (with --folder: a new folder)
  --folder             write the bundle unpacked into a folder instead of a zip
  --version X          bundle version (default: the mapping's version)
  --notes TEXT         release notes (--notes @FILE reads them from a file)
  --author NAME        recorded in the manifest
  --sign KEYFILE       sign as author with this Ed25519 private key (see mapwright keygen)
  --passphrase-env VAR environment variable holding the key's passphrase
  --created-at ISO     build time to record (default: SOURCE_DATE_EPOCH, else now)

Exit status: 0 written, 1 the mapping has errors or a test fails, 2 usage error or unreadable input.`;

export const command: CliCommand = {
  summary: 'Build a runnable, verifiable mapping bundle (.mwb) from a project',
  usage,
  async run(argv) {
    const { values, positionals } = parseCliArgs(
      argv,
      {
        out: { type: 'string' },
        folder: { type: 'boolean' },
        version: { type: 'string' },
        notes: { type: 'string' },
        author: { type: 'string' },
        sign: { type: 'string' },
        'passphrase-env': { type: 'string' },
        'created-at': { type: 'string' },
      },
      usage,
    );
    if (positionals.length !== 1) throw new UsageError(`Expected one PROJECT_DIR or MAPPING argument\n\n${usage}`);
    if (!values.out) throw new UsageError(`--out FILE is required\n\n${usage}`);
    if (values['created-at'] && Number.isNaN(Date.parse(values['created-at']))) throw new UsageError(`--created-at must be an ISO date-time, got "${values['created-at']}"`);
    let notes = values.notes;
    if (notes?.startsWith('@')) notes = (await readFile(notes.slice(1), 'utf8')).trim();
    let key: string | undefined;
    let passphrase: string | undefined;
    if (values.sign) {
      key = await readFile(values.sign, 'utf8');
      if (values['passphrase-env']) {
        passphrase = process.env[values['passphrase-env']];
        if (passphrase === undefined) throw new UsageError(`environment variable ${values['passphrase-env']} is not set`);
      }
    }
    const { bundle, diagnostics } = await buildBundle(positionals[0]!, {
      ...(values.version ? { version: values.version } : {}),
      ...(notes ? { notes } : {}),
      ...(values.author ? { author: values.author } : {}),
      ...(values['created-at'] ? { createdAt: values['created-at'] } : {}),
    });
    for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
    if (!bundle) return diagnostics.some((d) => d.code === 'MW8801' || d.code === 'MW8802') ? 2 : 1;
    if (key) {
      let sig;
      try {
        sig = signManifest(bundle.files['manifest.json']!, key, 'author', new Date().toISOString(), passphrase);
      } catch (e) {
        process.stderr.write(`mapwright bundle: cannot sign with ${values.sign}: ${(e as Error).message}\n`);
        return 2;
      }
      addSignature(bundle.files, sig);
      process.stderr.write(`signed as author by ${sig.keyId}\n`);
    }
    await writeBundle(bundle.files, values.out, { folder: values.folder === true });
    const m = bundle.manifest;
    process.stderr.write(`wrote ${values.out}: bundle ${m.bundle.id} version ${m.bundle.version}, ${Object.keys(bundle.files).length} files, ${bundle.tests.length} test cases passed\n`);
    return 0;
  },
};
