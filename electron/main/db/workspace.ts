import type Database from 'better-sqlite3';
import { openWorkspaceDb } from './open';
import { ProjectsRepo, SeededExamplesRepo } from './repositories/projects';
import { RevisionsRepo } from './repositories/revisions';
import { SamplesRepo } from './repositories/samples';
import { SourceSchemasRepo } from './repositories/source-schemas';
import { TestCasesRepo } from './repositories/test-cases';

/** An open workspace: the connection plus its repositories. */
export class WorkspaceDb {
  readonly projects: ProjectsRepo;
  readonly revisions: RevisionsRepo;
  readonly samples: SamplesRepo;
  readonly tests: TestCasesRepo;
  readonly sourceSchemas: SourceSchemasRepo;
  readonly seededExamples: SeededExamplesRepo;
  private closed = false;

  constructor(
    readonly db: Database.Database,
    readonly path: string,
    readonly home: string,
    readonly schemaVersion: number,
  ) {
    this.projects = new ProjectsRepo(db);
    this.revisions = new RevisionsRepo(db);
    this.samples = new SamplesRepo(db);
    this.tests = new TestCasesRepo(db);
    this.sourceSchemas = new SourceSchemasRepo(db);
    this.seededExamples = new SeededExamplesRepo(db);
  }

  /** Opens `workspace.sqlite` in `home` (see `openWorkspaceDb` for pragmas and migrations). */
  static open(home: string, opts: { nativeBinding?: string } = {}): WorkspaceDb {
    const { db, path, schemaVersion } = openWorkspaceDb(home, opts);
    return new WorkspaceDb(db, path, home, schemaVersion);
  }

  /** Runs `fn` in an IMMEDIATE transaction (takes the write lock up front, so read-check-write is atomic). */
  write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    // Folds the WAL back into the main file so the workspace is a single file at rest.
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.db.close();
    }
  }
}
