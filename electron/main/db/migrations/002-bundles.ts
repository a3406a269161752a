import type { Migration } from './types';

/**
 * Bundles in the app: signing keys made in the workspace, bundles exported from projects, and
 * bundles opened for review with the reviewer's decisions. Bundle bytes live as files in the
 * workspace folder (`exports/`, `reviews/`): they are artefacts users hand on, not history.
 */
export const migration002: Migration = {
  version: 2,
  name: 'bundles',
  up(db) {
    db.exec(`
      -- Ed25519 key pairs. The private key is always encrypted PKCS#8 PEM: with the user's
      -- passphrase, or with the workspace secret file (protection = 'workspace').
      CREATE TABLE signing_keys (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        key_id      TEXT NOT NULL UNIQUE,
        public_key  TEXT NOT NULL,
        private_key TEXT NOT NULL,
        protection  TEXT NOT NULL CHECK (protection IN ('passphrase', 'workspace')),
        created_at  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE bundle_exports (
        id         TEXT PRIMARY KEY,
        -- The project exported, or (for a bundle re-signed by a reviewer) the review it came from.
        project_id TEXT REFERENCES projects(id) ON DELETE CASCADE,
        review_id  TEXT,
        bundle_id  TEXT NOT NULL,
        version    TEXT NOT NULL,
        file       TEXT NOT NULL,
        size_bytes INTEGER NOT NULL,
        sha256     TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE reviews (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        file        TEXT NOT NULL,
        sha256      TEXT NOT NULL,
        bundle_id   TEXT,
        mapping_id  TEXT,
        version     TEXT,
        opened_at   TEXT NOT NULL,
        -- The saved review (decisions, overall, reviewer, signature), canonical JSON; null until saved.
        record      TEXT,
        saved_at    TEXT
      ) STRICT;
      CREATE INDEX reviews_mapping ON reviews(mapping_id, opened_at);
    `);
  },
};
