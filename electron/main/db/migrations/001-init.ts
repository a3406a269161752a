import type { Migration } from './types';

/**
 * The first workspace schema: projects, append-only mapping history, source schemas, samples and
 * test cases. Every child row belongs to a project and goes with it (ON DELETE CASCADE).
 * Times are ISO 8601 UTC strings (sortable, readable in the sqlite3 shell).
 */
export const migration001: Migration = {
  version: 1,
  name: 'init',
  up(db) {
    db.exec(`
      CREATE TABLE projects (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        description TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        opened_at   TEXT,
        is_example  INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
        -- Name of the built-in example a project was seeded from, so seeding runs once per example.
        example_key TEXT UNIQUE
      ) STRICT;

      -- Built-in examples already seeded into this workspace: seeded once, so deleting one sticks.
      CREATE TABLE seeded_examples (
        key       TEXT PRIMARY KEY,
        seeded_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE mapping_revisions (
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        revision   INTEGER NOT NULL CHECK (revision >= 1),
        document   TEXT NOT NULL,
        hash       TEXT NOT NULL,
        message    TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        PRIMARY KEY (project_id, revision)
      ) STRICT, WITHOUT ROWID;

      -- History is append-only: a revision, once written, is what a reviewer may have seen.
      -- Rows go only when their project is deleted (the cascade runs after the parent row is gone).
      CREATE TRIGGER mapping_revisions_no_update BEFORE UPDATE ON mapping_revisions
      BEGIN SELECT RAISE(ABORT, 'mapping revisions are append-only'); END;
      CREATE TRIGGER mapping_revisions_no_delete BEFORE DELETE ON mapping_revisions
      WHEN EXISTS (SELECT 1 FROM projects WHERE id = OLD.project_id)
      BEGIN SELECT RAISE(ABORT, 'mapping revisions are append-only'); END;

      CREATE TABLE source_schemas (
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        source_id  TEXT NOT NULL,
        hash       TEXT NOT NULL,
        name       TEXT NOT NULL,
        format     TEXT NOT NULL,
        tree       TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        PRIMARY KEY (project_id, source_id, hash)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE samples (
        id           TEXT PRIMARY KEY,
        project_id   TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        source_id    TEXT NOT NULL,
        name         TEXT NOT NULL,
        format       TEXT NOT NULL CHECK (format IN ('csv', 'tsv', 'json', 'ndjson', 'xml')),
        content      BLOB NOT NULL,
        size_bytes   INTEGER NOT NULL,
        record_count INTEGER,
        sha256       TEXT NOT NULL,
        created_at   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX samples_by_project ON samples (project_id, created_at);

      CREATE TABLE test_cases (
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        id         TEXT NOT NULL,
        name       TEXT NOT NULL,
        body       TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (project_id, id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
