import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { currentVersion, migrate } from './migrate';

export const DATABASE_FILE = 'workspace.sqlite';

export interface OpenedDatabase {
  db: Database.Database;
  path: string;
  schemaVersion: number;
}

/**
 * Opens (creating if needed) `workspace.sqlite` in `home`, sets the connection pragmas and runs
 * pending migrations. Throws `WorkspaceTooNewError` for a database from a newer build.
 *
 * Pragmas:
 *  - `journal_mode=WAL`: readers never block the writer; a crash mid-write leaves the last commit intact.
 *  - `synchronous=FULL`: with WAL, NORMAL survives an app crash but may lose the last commits on
 *    power loss. A "saved" mapping must stay saved, and saves happen at human pace, so the extra
 *    fsync per commit is worth it.
 *  - `foreign_keys=ON` (off by default in SQLite) so project deletion cascades and orphans cannot exist.
 *  - `busy_timeout=5000` so a second process (CLI, another window) waits instead of failing at once.
 */
export function openWorkspaceDb(home: string, opts: { file?: string; nativeBinding?: string } = {}): OpenedDatabase {
  const file = opts.file ?? DATABASE_FILE;
  fs.mkdirSync(home, { recursive: true });
  const dbPath = path.join(home, file);
  // nativeBinding: a better-sqlite3 built for Electron's ABI when running Electron from a checkout.
  const db = new Database(dbPath, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, dbPath);
    return { db, path: dbPath, schemaVersion: currentVersion(db) };
  } catch (e) {
    db.close();
    throw e;
  }
}
