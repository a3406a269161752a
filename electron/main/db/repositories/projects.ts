import type Database from 'better-sqlite3';

export interface ProjectRow {
  id: string;
  name: string;
  description: string;
  created_at: string;
  updated_at: string;
  opened_at: string | null;
  is_example: 0 | 1;
  example_key: string | null;
  /** Latest mapping revision (0 before the first one is written). */
  revision: number;
}

const SELECT = `SELECT p.*, COALESCE((SELECT MAX(r.revision) FROM mapping_revisions r WHERE r.project_id = p.id), 0) AS revision
  FROM projects p`;

/** Projects table access. Prepared once per connection; named parameters only. */
export class ProjectsRepo {
  private readonly stmts;
  constructor(db: Database.Database) {
    this.stmts = {
      insert: db.prepare(`INSERT INTO projects (id, name, description, created_at, updated_at, opened_at, is_example, example_key)
        VALUES (@id, @name, @description, @now, @now, NULL, @isExample, @exampleKey)`),
      get: db.prepare(`${SELECT} WHERE p.id = @id`),
      byExample: db.prepare(`${SELECT} WHERE p.example_key = @exampleKey`),
      list: db.prepare(`${SELECT} ORDER BY p.updated_at DESC, p.name COLLATE NOCASE ASC, p.id ASC`),
      recent: db.prepare(`${SELECT} WHERE p.opened_at IS NOT NULL ORDER BY p.opened_at DESC, p.id ASC LIMIT @limit`),
      rename: db.prepare(`UPDATE projects SET name = @name, updated_at = @now WHERE id = @id`),
      touch: db.prepare(`UPDATE projects SET updated_at = @now WHERE id = @id`),
      opened: db.prepare(`UPDATE projects SET opened_at = @now WHERE id = @id`),
      delete: db.prepare(`DELETE FROM projects WHERE id = @id`),
    };
  }

  insert(p: { id: string; name: string; description: string; now: string; isExample?: boolean; exampleKey?: string | null }): void {
    this.stmts.insert.run({ ...p, isExample: p.isExample ? 1 : 0, exampleKey: p.exampleKey ?? null });
  }
  get(id: string): ProjectRow | undefined {
    return this.stmts.get.get({ id }) as ProjectRow | undefined;
  }
  byExampleKey(exampleKey: string): ProjectRow | undefined {
    return this.stmts.byExample.get({ exampleKey }) as ProjectRow | undefined;
  }
  list(): ProjectRow[] {
    return this.stmts.list.all() as ProjectRow[];
  }
  recent(limit: number): ProjectRow[] {
    return this.stmts.recent.all({ limit }) as ProjectRow[];
  }
  rename(id: string, name: string, now: string): boolean {
    return this.stmts.rename.run({ id, name, now }).changes === 1;
  }
  touch(id: string, now: string): void {
    this.stmts.touch.run({ id, now });
  }
  markOpened(id: string, now: string): boolean {
    return this.stmts.opened.run({ id, now }).changes === 1;
  }
  delete(id: string): boolean {
    return this.stmts.delete.run({ id }).changes === 1;
  }
}

/** Which built-in examples were already seeded (so a deleted example stays deleted). */
export class SeededExamplesRepo {
  private readonly stmts;
  constructor(db: Database.Database) {
    this.stmts = {
      has: db.prepare(`SELECT 1 AS x FROM seeded_examples WHERE key = @key`),
      add: db.prepare(`INSERT INTO seeded_examples (key, seeded_at) VALUES (@key, @now) ON CONFLICT DO NOTHING`),
    };
  }
  has(key: string): boolean {
    return this.stmts.has.get({ key }) !== undefined;
  }
  add(key: string, now: string): void {
    this.stmts.add.run({ key, now });
  }
}
