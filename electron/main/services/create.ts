import { WorkspaceDb } from '../db/workspace';
import type { Logger } from '../log';
import path from 'node:path';
import { BUNDLED, EXAMPLES_DIR, OUT_DIR, runWorkerScript, type WorkerScript } from '../paths';
import { AppServices } from './app-services';
import { EventBus } from './events';
import { RunRunner } from './runs';

export interface HostServices {
  ws: WorkspaceDb;
  services: AppServices;
  events: EventBus;
  runner: RunRunner;
  /** Stops runs and closes the database. */
  close(): Promise<void>;
}

/**
 * Opens the workspace in `home` and builds the services, as both hosts do at start-up.
 * Seeds the built-in examples unless `seed` is false.
 */
export async function createHostServices(o: {
  home: string;
  host: 'electron' | 'browser';
  appVersion: string;
  log: Logger;
  openExternal?: (url: string) => Promise<void>;
  /** Electron: save dialog for exported bundles (see bundles.ts). */
  saveFile?: (file: string, suggestedName: string) => Promise<string | null>;
  seed?: boolean;
  examplesDir?: string;
  workerScript?: WorkerScript;
  /** better-sqlite3 binary for another ABI (Electron from a checkout). */
  nativeBinding?: string;
}): Promise<HostServices> {
  const ws = WorkspaceDb.open(o.home, { nativeBinding: o.nativeBinding });
  const events = new EventBus();
  const runner = new RunRunner(o.workerScript ?? runWorkerScript, events, o.log);
  const services = new AppServices({ ws, host: o.host, appVersion: o.appVersion, events, runner, log: o.log, openExternal: o.openExternal, saveFile: o.saveFile,
    workerScript: o.workerScript ?? runWorkerScript,
    // A packaged app embeds the prebuilt engine; a checkout rebuilds it when stale.
    engineDir: BUNDLED ? path.join(OUT_DIR, 'engine') : undefined });
  if (o.seed !== false) await services.seedExamples(o.examplesDir ?? EXAMPLES_DIR);
  return {
    ws,
    services,
    events,
    runner,
    async close() {
      services.imports.close();
      await services.previews.close();
      await runner.close();
      ws.close();
    },
  };
}
