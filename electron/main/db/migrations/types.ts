import type Database from 'better-sqlite3';

/** One numbered schema change. `up` runs inside a transaction opened by the migrator. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}
