/**
 * Ed25519 keys and bundle signatures, with Node's own `crypto` (no extra dependency; bundles verify
 * with plain `node`). A signature covers a small canonical statement — the sha256 of the exact
 * bytes of `manifest.json` (which lists the hash of every other file), the signer's role and the
 * signing time — so one signature vouches for the whole bundle, and its role and date cannot be
 * relabelled without breaking it (an author's signature cannot be passed off as a reviewer's).
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

export type SignatureRole = 'author' | 'reviewer';

/** `signatures/<role>-<keyId hex>.json` */
export interface BundleSignature {
  format: 'mapwright.signature';
  /** `ed25519:` + the first 16 hex digits of the sha256 of the SPKI DER public key. */
  keyId: string;
  /** SPKI PEM. */
  publicKey: string;
  signedAt: string;
  role: SignatureRole;
  /** sha256 of the manifest bytes signed: says which manifest a stale signature belonged to. */
  manifestSha256: string;
  /** Base64 Ed25519 signature over {@link signedStatement} of the fields above. */
  signature: string;
}

/** The key id of a public key (PEM or KeyObject). */
export function keyIdOf(publicKey: string | KeyObject): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  const der = key.export({ type: 'spki', format: 'der' });
  return `ed25519:${createHash('sha256').update(der).digest('hex').slice(0, 16)}`;
}

/**
 * Makes a key pair: PKCS#8 PEM private key (encrypted with aes-256-cbc when a passphrase is
 * given) and SPKI PEM public key.
 */
export function generateKeys(passphrase?: string): { privateKey: string; publicKey: string; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const priv = privateKey.export(passphrase ? { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase } : { type: 'pkcs8', format: 'pem' }) as string;
  const pub = publicKey.export({ type: 'spki', format: 'pem' }) as string;
  return { privateKey: priv, publicKey: pub, keyId: keyIdOf(publicKey) };
}

/**
 * The exact bytes a signature covers: canonical JSON with a fixed key order. Everything a verifier
 * reports about a signature (which manifest, which role, when) is inside it.
 */
export function signedStatement(fields: { manifestSha256: string; role: SignatureRole; signedAt: string }): Buffer {
  return Buffer.from(
    JSON.stringify({ format: 'mapwright.signature', manifestSha256: fields.manifestSha256, role: fields.role, signedAt: fields.signedAt }),
    'utf8',
  );
}

/** Signs manifest bytes. @throws when the key cannot be read (wrong passphrase, not Ed25519). */
export function signManifest(manifestBytes: Uint8Array, privateKeyPem: string, role: SignatureRole, signedAt: string, passphrase?: string): BundleSignature {
  const key = createPrivateKey(passphrase ? { key: privateKeyPem, passphrase } : { key: privateKeyPem });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the key is ${key.asymmetricKeyType ?? 'not asymmetric'}, not Ed25519`);
  const pub = createPublicKey(key);
  const manifestSha256 = createHash('sha256').update(manifestBytes).digest('hex');
  return {
    format: 'mapwright.signature',
    keyId: keyIdOf(pub),
    publicKey: pub.export({ type: 'spki', format: 'pem' }) as string,
    signedAt,
    role,
    manifestSha256,
    signature: sign(null, signedStatement({ manifestSha256, role, signedAt }), key).toString('base64'),
  };
}

/** The file name a signature is stored under. */
export function signaturePath(sig: Pick<BundleSignature, 'role' | 'keyId'>): string {
  return `signatures/${sig.role}-${sig.keyId.replace(/^ed25519:/, '')}.json`;
}

export type SignatureCheck = { ok: true; keyId: string; role: SignatureRole; signedAt: string } | { ok: false; keyId?: string; detail: string };

/** Checks one signature file's text against the manifest bytes. */
export function checkSignature(manifestBytes: Uint8Array, text: string): SignatureCheck {
  let s: Partial<BundleSignature>;
  try {
    s = JSON.parse(text) as Partial<BundleSignature>;
  } catch (e) {
    return { ok: false, detail: `not JSON (${(e as Error).message})` };
  }
  if (typeof s.publicKey !== 'string' || typeof s.signature !== 'string' || (s.role !== 'author' && s.role !== 'reviewer')) return { ok: false, detail: 'needs publicKey, signature and role (author or reviewer)' };
  let pub: KeyObject;
  try {
    pub = createPublicKey(s.publicKey);
  } catch (e) {
    return { ok: false, detail: `unreadable public key (${(e as Error).message})` };
  }
  if (pub.asymmetricKeyType !== 'ed25519') return { ok: false, detail: 'the public key is not Ed25519' };
  const keyId = keyIdOf(pub);
  if (s.keyId !== keyId) return { ok: false, keyId, detail: `keyId ${String(s.keyId)} does not belong to its public key (${keyId})` };
  if (typeof s.signedAt !== 'string' || typeof s.manifestSha256 !== 'string') return { ok: false, keyId, detail: 'needs signedAt and manifestSha256' };
  const digest = createHash('sha256').update(manifestBytes).digest('hex');
  if (s.manifestSha256 !== digest) {
    return { ok: false, keyId, detail: `the signature does not match manifest.json (it was made for a different manifest, sha256 ${s.manifestSha256.slice(0, 16)}…: a replayed or outdated signature, or manifest.json was changed after signing)` };
  }
  if (!verify(null, signedStatement({ manifestSha256: digest, role: s.role, signedAt: s.signedAt }), pub, Buffer.from(s.signature, 'base64'))) {
    return { ok: false, keyId, detail: 'the signature does not match its statement (manifest hash, role and signing time): it was forged or its role or date were changed after signing' };
  }
  return { ok: true, keyId, role: s.role, signedAt: String(s.signedAt ?? '') };
}
