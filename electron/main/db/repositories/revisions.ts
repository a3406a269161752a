import type Database from 'better-sqlite3';

export interface RevisionRow {
  project_id: string;
  revision: number;
  document: string;
  hash: string;
  message: string;
  created_at: string;
}

/** Append-only mapping history (the schema's triggers refuse UPDATE and DELETE). */
export class RevisionsRepo {
  private readonly stmts;
  constructor(db: Database.Database) {
    this.stmts = {
      append: db.prepare(`INSERT INTO mapping_revisions (project_id, revision, document, hash, message, created_at)
        VALUES (@projectId, @revision, @document, @hash, @message, @createdAt)`),
      latest: db.prepare(`SELECT * FROM mapping_revisions WHERE project_id = @projectId ORDER BY revision DESC LIMIT 1`),
      get: db.prepare(`SELECT * FROM mapping_revisions WHERE project_id = @projectId AND revision = @revision`),
      list: db.prepare(`SELECT revision, hash, message, created_at FROM mapping_revisions
        WHERE project_id = @projectId ORDER BY revision DESC`),
    };
  }

  append(r: { projectId: string; revision: number; document: string; hash: string; message: string; createdAt: string }): void {
    this.stmts.append.run(r);
  }
  latest(projectId: string): RevisionRow | undefined {
    return this.stmts.latest.get({ projectId }) as RevisionRow | undefined;
  }
  get(projectId: string, revision: number): RevisionRow | undefined {
    return this.stmts.get.get({ projectId, revision }) as RevisionRow | undefined;
  }
  list(projectId: string): Pick<RevisionRow, 'revision' | 'hash' | 'message' | 'created_at'>[] {
    return this.stmts.list.all({ projectId }) as Pick<RevisionRow, 'revision' | 'hash' | 'message' | 'created_at'>[];
  }
}
