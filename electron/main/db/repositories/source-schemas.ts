import type Database from 'better-sqlite3';

export interface SourceSchemaRow {
  project_id: string;
  source_id: string;
  hash: string;
  name: string;
  format: string;
  /** The `FieldTree` as JSON text. */
  tree: string;
  first_seen: string;
}

/**
 * Every distinct source schema a project's mapping has been saved with, keyed by its hash: the
 * record needed to tell a supplier which schema version a mapping was written against, and to
 * detect drift when a new sample is imported.
 */
export class SourceSchemasRepo {
  private readonly stmts;
  constructor(db: Database.Database) {
    this.stmts = {
      record: db.prepare(`INSERT INTO source_schemas (project_id, source_id, hash, name, format, tree, first_seen)
        VALUES (@projectId, @sourceId, @hash, @name, @format, @tree, @now) ON CONFLICT DO NOTHING`),
      list: db.prepare(`SELECT * FROM source_schemas WHERE project_id = @projectId ORDER BY source_id ASC, first_seen ASC, hash ASC`),
    };
  }

  /** Records a schema; returns true when it was new for that source. */
  record(s: { projectId: string; sourceId: string; hash: string; name: string; format: string; tree: string; now: string }): boolean {
    return this.stmts.record.run(s).changes === 1;
  }
  list(projectId: string): SourceSchemaRow[] {
    return this.stmts.list.all({ projectId }) as SourceSchemaRow[];
  }
}
