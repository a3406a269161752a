/** `mapwright keygen --out DIR` — makes an Ed25519 key pair for signing bundles. */
import { mkdir, writeFile, access } from 'node:fs/promises';
import { join } from 'node:path';
import { generateKeys } from '../../bundle/signatures.node.js';
import { parseCliArgs, UsageError, type CliCommand } from '../command';

const usage = `Usage: mapwright keygen --out DIR [--name NAME] [--passphrase-env VAR]

Writes an Ed25519 key pair for signing bundles: DIR/NAME.key (PKCS#8 PEM private key, encrypted
with aes-256-cbc when a passphrase is given; file mode 0600) and DIR/NAME.pub (SPKI PEM public key,
to give to whoever verifies your bundles). Private keys never go into a bundle. Existing files are
not overwritten.

Options:
  --out DIR            folder for the two files (created if needed)
  --name NAME          file name stem (default: mapwright-signing)
  --passphrase-env VAR environment variable holding the passphrase (recommended)`;

export const command: CliCommand = {
  summary: 'Make an Ed25519 key pair for signing bundles',
  usage,
  async run(argv) {
    const { values } = parseCliArgs(argv, { out: { type: 'string' }, name: { type: 'string' }, 'passphrase-env': { type: 'string' } }, usage);
    if (!values.out) throw new UsageError(`--out DIR is required\n\n${usage}`);
    let passphrase: string | undefined;
    if (values['passphrase-env']) {
      passphrase = process.env[values['passphrase-env']];
      if (!passphrase) throw new UsageError(`environment variable ${values['passphrase-env']} is not set or empty`);
    }
    const stem = values.name ?? 'mapwright-signing';
    if (!/^[A-Za-z0-9._-]+$/.test(stem)) throw new UsageError(`--name may use letters, digits, ".", "_" and "-" only`);
    const keyFile = join(values.out, `${stem}.key`);
    const pubFile = join(values.out, `${stem}.pub`);
    for (const f of [keyFile, pubFile]) {
      if (await access(f).then(() => true, () => false)) {
        process.stderr.write(`mapwright keygen: ${f} already exists; not overwriting a key\n`);
        return 2;
      }
    }
    const keys = generateKeys(passphrase);
    await mkdir(values.out, { recursive: true });
    await writeFile(keyFile, keys.privateKey, { mode: 0o600, flag: 'wx' });
    await writeFile(pubFile, keys.publicKey, { flag: 'wx' });
    process.stdout.write(`${keys.keyId}\n`);
    process.stderr.write(`wrote ${keyFile}${passphrase ? ' (encrypted)' : ' (NOT encrypted: use --passphrase-env)'} and ${pubFile}\n`);
    return 0;
  },
};
