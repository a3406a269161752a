import type Database from 'better-sqlite3';

export interface SampleRow {
  id: string;
  project_id: string;
  source_id: string;
  name: string;
  format: 'csv' | 'tsv' | 'json' | 'ndjson' | 'xml';
  size_bytes: number;
  record_count: number | null;
  sha256: string;
  created_at: string;
}

const COLUMNS = 'id, project_id, source_id, name, format, size_bytes, record_count, sha256, created_at';

/** Sample files, stored as UTF-8 bytes (BLOB) so their exact content survives round trips. */
export class SamplesRepo {
  private readonly stmts;
  constructor(db: Database.Database) {
    this.stmts = {
      insert: db.prepare(`INSERT INTO samples (id, project_id, source_id, name, format, content, size_bytes, record_count, sha256, created_at)
        VALUES (@id, @projectId, @sourceId, @name, @format, @content, @sizeBytes, @recordCount, @sha256, @createdAt)`),
      list: db.prepare(`SELECT ${COLUMNS} FROM samples WHERE project_id = @projectId ORDER BY created_at ASC, name ASC, id ASC`),
      get: db.prepare(`SELECT ${COLUMNS} FROM samples WHERE id = @id`),
      content: db.prepare(`SELECT content FROM samples WHERE id = @id`),
      delete: db.prepare(`DELETE FROM samples WHERE id = @id`),
      update: db.prepare(`UPDATE samples SET content = @content, format = @format, size_bytes = @sizeBytes, record_count = @recordCount, sha256 = @sha256 WHERE id = @id`),
    };
  }

  insert(s: {
    id: string;
    projectId: string;
    sourceId: string;
    name: string;
    format: SampleRow['format'];
    content: Uint8Array;
    recordCount: number | null;
    sha256: string;
    createdAt: string;
  }): void {
    this.stmts.insert.run({ ...s, sizeBytes: s.content.byteLength });
  }
  list(projectId: string): SampleRow[] {
    return this.stmts.list.all({ projectId }) as SampleRow[];
  }
  get(id: string): SampleRow | undefined {
    return this.stmts.get.get({ id }) as SampleRow | undefined;
  }
  content(id: string): Buffer | undefined {
    return (this.stmts.content.get({ id }) as { content: Buffer } | undefined)?.content;
  }
  /** Replaces a sample's content (the sample editor's Save); false when the id is unknown. */
  updateContent(s: { id: string; format: SampleRow['format']; content: Uint8Array; recordCount: number | null; sha256: string }): boolean {
    return this.stmts.update.run({ ...s, sizeBytes: s.content.byteLength }).changes === 1;
  }
  delete(id: string): boolean {
    return this.stmts.delete.run({ id }).changes === 1;
  }
}
