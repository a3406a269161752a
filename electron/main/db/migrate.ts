import type Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';

/** Opening a workspace written by a newer Mapwright: refused rather than risking its data. */
export class WorkspaceTooNewError extends Error {
  constructor(
    readonly databasePath: string,
    readonly databaseVersion: number,
    readonly supportedVersion: number,
  ) {
    super(
      `The workspace database ${databasePath} has schema version ${databaseVersion}, but this version of ` +
        `Mapwright only understands up to schema version ${supportedVersion}. It was written by a newer ` +
        `Mapwright: update Mapwright, or choose another workspace with --workspace DIR or MAPWRIGHT_HOME.`,
    );
    this.name = 'WorkspaceTooNewError';
  }
}

/**
 * Brings the database up to the newest known schema. Each migration runs in its own IMMEDIATE
 * transaction together with its `schema_migrations` row and `user_version` bump, so a crash leaves
 * the database at a whole migration level. Returns the versions applied.
 */
export function migrate(db: Database.Database, databasePath: string, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const known = migrations.length ? migrations[migrations.length - 1].version : 0;
  const current = currentVersion(db);
  if (current > known) throw new WorkspaceTooNewError(databasePath, current, known);

  const applied: number[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @appliedAt)');
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      record.run({ version: m.version, name: m.name, appliedAt: new Date().toISOString() });
      // PRAGMA takes no bound parameters; the value is our own integer.
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    }).immediate();
    applied.push(m.version);
  }
  return applied;
}

/** The migration level: the higher of `user_version` and the newest recorded migration. */
export function currentVersion(db: Database.Database): number {
  const userVersion = Number(db.pragma('user_version', { simple: true }));
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null } | undefined;
  return Math.max(userVersion, row?.v ?? 0);
}
