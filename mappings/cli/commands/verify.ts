/**
 * `mapwright verify BUNDLE [--key PUBKEY …]` — integrity, signatures, required signers and the
 * bundle's self-test run with plain `node`.
 */
import { readFile } from 'node:fs/promises';
import { formatDiagnostic, MappingError } from '../../diagnostics/diagnostic';
import { readBundle, verifyFiles } from '../../bundle/reader.node.js';
import { parseCliArgs, UsageError, type CliCommand } from '../command';

const usage = `Usage: mapwright verify BUNDLE [--key PUBKEY …] [--no-self-test] [--json]

Checks a bundle (.mwb file or unpacked folder): every file against the sha256 and size in its
manifest, no missing or extra files, every signature against manifest.json, and, with --key, that
a valid signature by that public key exists. Then runs the bundle's own self-test with plain node
in a temporary folder. Any failure exits 1 with the reason.

Options:
  --key PUBKEY      a public key file (PEM) whose signature is required (repeatable)
  --no-self-test    skip running the test cases
  --json            print the result as JSON

Exit status: 0 verified, 1 verification failed, 2 usage error or unreadable bundle.`;

export const command: CliCommand = {
  summary: 'Verify a bundle: file hashes, signatures, and its self-test',
  usage,
  async run(argv) {
    const { values, positionals } = parseCliArgs(argv, { key: { type: 'string', multiple: true }, 'no-self-test': { type: 'boolean' }, json: { type: 'boolean' } }, usage);
    if (positionals.length !== 1) throw new UsageError(`Expected one BUNDLE argument\n\n${usage}`);
    const keys: string[] = [];
    for (const k of values.key ?? []) {
      try {
        keys.push(await readFile(k, 'utf8'));
      } catch (e) {
        process.stderr.write(`mapwright verify: cannot read --key ${k}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
        return 2;
      }
    }
    let files;
    try {
      files = (await readBundle(positionals[0]!)).files;
    } catch (e) {
      if (!(e instanceof MappingError)) throw e;
      process.stderr.write(`${formatDiagnostic(e.diagnostic)}\n`);
      // An unsafe archive is a failed verification, not a usage problem.
      return e.diagnostic.code === 'MW7001' ? 2 : 1;
    }
    let result;
    try {
      result = await verifyFiles(files, { keys, selfTest: values['no-self-test'] !== true });
    } catch (e) {
      process.stderr.write(`mapwright verify: a --key is not a usable public key: ${(e as Error).message}\n`);
      return 2;
    }
    if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else {
      const m = result.manifest;
      if (m) process.stdout.write(`bundle ${m.bundle.id} version ${m.bundle.version}: mapping "${m.mapping.name}" ${m.mapping.version}, ${Object.keys(m.files).length} files listed\n`);
      for (const s of result.signatures) process.stdout.write(s.ok ? `signature ok: ${s.role} ${s.keyId} (signed ${s.signedAt})\n` : `signature INVALID: ${s.file}: ${s.detail}\n`);
      if (m && !result.signatures.length) process.stdout.write('not signed\n');
      if (result.selfTest) process.stdout.write(`self-test: ${result.selfTest.output.trim().split('\n').slice(-1)[0]}\n`);
      for (const d of result.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
      process.stdout.write(result.ok ? 'VERIFIED\n' : 'VERIFICATION FAILED\n');
    }
    return result.ok ? 0 : 1;
  },
};
