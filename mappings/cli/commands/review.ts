/**
 * `mapwright review BUNDLE` — the plain-language review of a bundle in the terminal: verification,
 * what it converts, every field in words, value maps with non-exact entries flagged. `--html`
 * writes the review report with this verification's result; `--sign` adds a reviewer signature.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { coverage } from '../../checker/index';
import { formatDiagnostic, MappingError } from '../../diagnostics/diagnostic';
import { parseMapping } from '../../document/parse';
import { canonicalJson } from '../../document/serialize';
import { getModel } from '../../model/index';
import type { TargetModel } from '../../model/target-model';
import { describeMapping } from '../../bundle/describe';
import { sha256Hex } from '../../bundle/manifest';
import { readBundle, verifyFiles } from '../../bundle/reader.node.js';
import { renderReport, type TestResult } from '../../bundle/report';
import { signManifest } from '../../bundle/signatures.node.js';
import { addSignature } from '../../bundle/writer.node.js';
import { zipFiles } from '../../bundle/zip';
import { parseCliArgs, UsageError, type CliCommand } from '../command';

const usage = `Usage: mapwright review BUNDLE [--html FILE] [--sign KEYFILE [--passphrase-env VAR]]

Verifies a bundle (like mapwright verify) and prints its review in plain language: what it
converts, the rules, where every target field comes from, value maps with lossy, broader and
narrower entries flagged, and the test results.

Options:
  --html FILE          also write the review report (self-contained HTML, printable to PDF)
  --sign KEYFILE       after a successful verification, add a reviewer signature to the bundle
  --passphrase-env VAR environment variable holding the key's passphrase

Exit status: 0 reviewed (and signed), 1 the bundle failed verification, 2 usage error.`;

const dec = new TextDecoder();

export const command: CliCommand = {
  summary: 'Review a bundle in plain language; write its report; sign as reviewer',
  usage,
  async run(argv) {
    const { values, positionals } = parseCliArgs(argv, { html: { type: 'string' }, sign: { type: 'string' }, 'passphrase-env': { type: 'string' } }, usage);
    if (positionals.length !== 1) throw new UsageError(`Expected one BUNDLE argument\n\n${usage}`);
    const path = positionals[0]!;
    let loaded;
    try {
      loaded = await readBundle(path);
    } catch (e) {
      if (!(e instanceof MappingError)) throw e;
      process.stderr.write(`${formatDiagnostic(e.diagnostic)}\n`);
      return e.diagnostic.code === 'MW7001' ? 2 : 1;
    }
    const { files } = loaded;
    const result = await verifyFiles(files);
    const w = (s = '') => process.stdout.write(`${s}\n`);
    if (!result.ok || !result.manifest) {
      for (const d of result.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
      w('VERIFICATION FAILED — do not run or sign this bundle.');
      return 1;
    }
    const m = result.manifest;
    const doc = parseMapping(dec.decode(files['mapping.json'])).document!;
    // The installed model is used for words and data-protection classes only when it is byte-for-byte the pinned one.
    let model: TargetModel | undefined;
    try {
      const installed = getModel(m.target.modelId, m.target.modelVersion);
      if (sha256Hex(new TextEncoder().encode(canonicalJson(installed.schema))) === m.target.sha256) model = installed;
    } catch {
      model = undefined;
    }
    const description = describeMapping(doc, model);
    const tests: TestResult[] = (result.selfTest?.output ?? '')
      .split('\n')
      .map((l) => /^(PASS|FAIL) (.*) \((tests\/[^)]+)\)/.exec(l))
      .filter((x): x is RegExpExecArray => x !== null)
      .map((x) => ({ id: x[3]!, name: x[2]!, file: x[3]!, passed: x[1] === 'PASS' }));

    w(`Mapping review: ${m.mapping.name} — bundle ${m.bundle.version} (${m.bundle.id})`);
    w(`Built ${m.createdAt}${m.author ? ` by ${m.author}` : ''}; converts ${m.sources.map((s) => `${s.name} (${s.format})`).join(' + ')} to ${m.target.modelId} ${m.target.modelVersion}`);
    w(`Verified: every file matches the manifest; self-test ${result.selfTest?.output.trim().split('\n').slice(-1)[0] ?? 'not run'}`);
    for (const s of result.signatures) w(`Signed: ${s.role} ${s.keyId} (${s.signedAt})`);
    if (!result.signatures.length) w('Not signed.');
    if (m.releaseNotes) w(`Release notes: ${m.releaseNotes}`);
    if (!model) w(`(The pinned model ${m.target.modelId} ${m.target.modelVersion} is not installed here; data-protection classes are not shown.)`);
    w();
    w('WHAT IT DOES');
    for (const r of description.rules) w(`  • ${r.text}`);
    let section = '';
    for (const f of description.fields) {
      if (f.section !== section) {
        section = f.section;
        w();
        w(section.toUpperCase());
      }
      w(`  ${f.target}${f.dataProtection && f.dataProtection !== 'none' ? ` [${f.dataProtection}]` : ''}`);
      w(`      ← ${f.description}`);
      if (f.comment) w(`      note: ${f.comment}`);
    }
    for (const vm of doc.valueMaps) {
      w();
      w(`VALUE MAP ${vm.name} (${vm.id}): ${vm.sourceScheme ?? 'supplier codes'} → ${vm.targetScheme ?? 'target codes'}; unmapped: ${vm.unmapped.policy === 'default' ? `default ${vm.unmapped.value}` : vm.unmapped.policy}`);
      for (const e of vm.entries) w(`  ${e.from.padEnd(14)} → ${e.to.padEnd(14)} ${e.quality === 'exact' ? '' : `⚠ ${e.quality.toUpperCase()}`}${e.note ? `  ${e.note}` : ''}`);
    }
    w();
    w(`TESTS: ${tests.filter((t) => t.passed).length} of ${tests.length} pass`);

    if (values.html) {
      const verification = {
        status: 'verified' as const,
        lines: [`Checked ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}: all ${Object.keys(m.files).length + 1} files match the manifest; self-test ${result.selfTest?.output.trim().split('\n').slice(-1)[0] ?? 'not run'}.`, ...result.signatures.map((s) => `Signed by the ${s.role}, key ${s.keyId}, on ${s.signedAt}.`)],
      };
      await writeFile(values.html, renderReport({ manifest: m, doc, description, ...(model ? { coverage: coverage(doc, model), model } : {}), tests, verification }));
      process.stderr.write(`wrote ${values.html}\n`);
    }
    if (values.sign) {
      let passphrase: string | undefined;
      if (values['passphrase-env']) {
        passphrase = process.env[values['passphrase-env']];
        if (passphrase === undefined) throw new UsageError(`environment variable ${values['passphrase-env']} is not set`);
      }
      let sig;
      try {
        sig = signManifest(files['manifest.json']!, await readFile(values.sign, 'utf8'), 'reviewer', new Date().toISOString(), passphrase);
      } catch (e) {
        process.stderr.write(`mapwright review: cannot sign with ${values.sign}: ${(e as Error).message}\n`);
        return 2;
      }
      const file = addSignature(files, sig);
      if (loaded.kind === 'zip') {
        // Written beside and renamed over, so an interrupted write never leaves half a bundle.
        await writeFile(`${path}.signing`, zipFiles(files));
        await rename(`${path}.signing`, path);
      } else {
        await mkdir(join(path, 'signatures'), { recursive: true });
        await writeFile(join(path, file), files[file]!);
      }
      process.stderr.write(`signed as reviewer by ${sig.keyId}: ${file}\n`);
    }
    return 0;
  },
};
