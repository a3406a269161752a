import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp';
import { currentVersion, migrate, WorkspaceTooNewError } from './migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import { openWorkspaceDb } from './open';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

function home() {
  const t = tempDir();
  cleanup = t.cleanup;
  return t.dir;
}

describe('migrations', () => {
  it('applies every migration once, records it, and sets user_version', () => {
    const dir = home();
    const { db, schemaVersion } = openWorkspaceDb(dir);
    expect(schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const rows = db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all() as { version: number; name: string; applied_at: string }[];
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(rows[0].name).toBe('init');
    expect(new Date(rows[0].applied_at).toString()).not.toBe('Invalid Date');
    db.close();
    // Reopening applies nothing new.
    const again = openWorkspaceDb(dir);
    expect(migrate(again.db, again.path)).toEqual([]);
    expect((again.db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(MIGRATIONS.length);
    again.db.close();
  });

  it('sets the connection pragmas', () => {
    const { db } = openWorkspaceDb(home());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    db.close();
  });

  it('refuses a database written by a newer app, naming both versions, and leaves it untouched', () => {
    const dir = home();
    openWorkspaceDb(dir).db.close();
    const file = path.join(dir, 'workspace.sqlite');
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    let err: unknown;
    try {
      openWorkspaceDb(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WorkspaceTooNewError);
    const msg = (err as Error).message;
    expect(msg).toContain(`schema version ${LATEST_SCHEMA_VERSION + 5}`);
    expect(msg).toContain(`up to schema version ${LATEST_SCHEMA_VERSION}`);
    expect(msg).toContain(file);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 5);
    check.close();
  });

  it('also refuses when only schema_migrations records a newer level', () => {
    const dir = home();
    openWorkspaceDb(dir).db.close();
    const raw = new Database(path.join(dir, 'workspace.sqlite'));
    raw.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', '2030-01-01T00:00:00Z')").run();
    raw.close();
    expect(() => openWorkspaceDb(dir)).toThrow(/schema version 99/);
  });

  it('rolls a failing migration back whole, leaving the earlier level', () => {
    const db = new Database(':memory:');
    const failing = [
      ...MIGRATIONS,
      {
        version: LATEST_SCHEMA_VERSION + 1,
        name: 'broken',
        up(d: Database.Database) {
          d.exec('CREATE TABLE half_done (x INTEGER)');
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, ':memory:', failing)).toThrow('boom');
    expect(currentVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    db.close();
  });
});
