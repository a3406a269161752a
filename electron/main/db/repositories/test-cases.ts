import type Database from 'better-sqlite3';

export interface TestCaseRow {
  project_id: string;
  id: string;
  name: string;
  /** The `TestCase` as JSON text. */
  body: string;
  created_at: string;
  updated_at: string;
}

/** Saved test cases, keyed by (project, test id). */
export class TestCasesRepo {
  private readonly stmts;
  constructor(db: Database.Database) {
    this.stmts = {
      upsert: db.prepare(`INSERT INTO test_cases (project_id, id, name, body, created_at, updated_at)
        VALUES (@projectId, @id, @name, @body, @now, @now)
        ON CONFLICT (project_id, id) DO UPDATE SET name = excluded.name, body = excluded.body, updated_at = excluded.updated_at`),
      list: db.prepare(`SELECT * FROM test_cases WHERE project_id = @projectId ORDER BY created_at ASC, id ASC`),
      get: db.prepare(`SELECT * FROM test_cases WHERE project_id = @projectId AND id = @id`),
      delete: db.prepare(`DELETE FROM test_cases WHERE project_id = @projectId AND id = @id`),
    };
  }

  upsert(t: { projectId: string; id: string; name: string; body: string; now: string }): void {
    this.stmts.upsert.run(t);
  }
  list(projectId: string): TestCaseRow[] {
    return this.stmts.list.all({ projectId }) as TestCaseRow[];
  }
  get(projectId: string, id: string): TestCaseRow | undefined {
    return this.stmts.get.get({ projectId, id }) as TestCaseRow | undefined;
  }
  delete(projectId: string, id: string): boolean {
    return this.stmts.delete.run({ projectId, id }).changes === 1;
  }
}
