import { defineCodes, type CatalogEntry } from '../diagnostics/catalog';

/**
 * MW7xxx — bundles: archive safety, integrity, signatures, the runner. The runner inside a bundle
 * carries only the code strings (it must not import the catalogue); messages are built here for
 * the CLI and the app.
 */
export const BUNDLE = defineCodes({
  MW7001: { severity: 'error', message: ({ detail }) => `Not a readable bundle: ${detail}` } as CatalogEntry<{ detail: string }>,
  MW7002: {
    severity: 'error',
    message: ({ entry, reason }) => `Unsafe archive entry "${entry}": ${reason}.`,
    hint: 'Bundles never contain absolute paths, ".." segments, symlinks or oversized entries; this archive was not made by Mapwright or was tampered with.',
  } as CatalogEntry<{ entry: string; reason: string }>,
  MW7003: { severity: 'error', message: ({ detail }) => `The archive exceeds a safety limit: ${detail}.` } as CatalogEntry<{ detail: string }>,
  MW7101: { severity: 'error', message: ({ detail }) => `manifest.json is missing or invalid: ${detail}` } as CatalogEntry<{ detail: string }>,
  MW7102: { severity: 'error', message: ({ file }) => `${file} does not match the manifest (its sha256 differs): the file was changed after the bundle was built.` } as CatalogEntry<{ file: string }>,
  MW7103: { severity: 'error', message: ({ file }) => `${file} is listed in the manifest but missing from the bundle.` } as CatalogEntry<{ file: string }>,
  MW7104: { severity: 'error', message: ({ file }) => `${file} is in the bundle but not listed in the manifest: files must not be added to a built bundle.` } as CatalogEntry<{ file: string }>,
  MW7105: { severity: 'error', message: ({ file }) => `${file} does not match the manifest (its size differs).` } as CatalogEntry<{ file: string }>,
  MW7201: { severity: 'error', message: ({ file, detail }) => `Signature ${file} is invalid: ${detail}` } as CatalogEntry<{ file: string; detail: string }>,
  MW7202: { severity: 'error', message: ({ keyId }) => `No valid signature by the required key ${keyId}.` } as CatalogEntry<{ keyId: string }>,
  MW7203: { severity: 'warning', message: () => 'The bundle is not signed.' } as CatalogEntry<Record<string, never>>,
  MW7301: { severity: 'error', message: ({ detail }) => `The bundle's self-test failed: ${detail}` } as CatalogEntry<{ detail: string }>,
  MW7401: { severity: 'error', message: ({ detail }) => `Cannot build the bundle: ${detail}` } as CatalogEntry<{ detail: string }>,
});
