/**
 * `npm run serve`: the browser host's command line.
 *
 *   node out/host/index.cjs [--port N] [--workspace DIR] [--open] [--no-seed]
 *
 * Prints exactly one line on stdout, `Mapwright is ready at http://127.0.0.1:PORT/?token=TOKEN`,
 * and logs everything else to stderr. `--port 0` (the default) takes any free port.
 * Stops cleanly (runs stopped, database closed) on SIGINT/SIGTERM.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { stderrLogger } from '../main/log';
import { RENDERER_DIR } from '../main/paths';
import { createHostServices } from '../main/services/create';
import { APP_VERSION } from '../main/version';
import { resolveWorkspaceHome } from '../main/workspace-home';
import { startHostServer, type HostServerOptions } from './server';

const USAGE = `Usage: npm run serve -- [--port N] [--workspace DIR] [--open]

  --port N          port on 127.0.0.1 (default 0: any free port)
  --workspace DIR   workspace folder (default: MAPWRIGHT_HOME, else the platform data folder)
  --open            open the app in the default browser
  --no-seed         do not add the built-in example projects to a new workspace
`;

export interface HostCliOptions {
  argv: string[];
  /** Development: Vite middleware for the renderer (scripts/dev.mjs). */
  dev?: HostServerOptions['dev'];
}

/** Runs the browser host until a signal arrives. Returns the process exit code. */
export async function runHost({ argv, dev }: HostCliOptions): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '0' },
        workspace: { type: 'string' },
        open: { type: 'boolean', default: false },
        'no-seed': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (e) {
    process.stderr.write(`mapwright serve: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    process.stderr.write(USAGE);
    return 0;
  }
  const port = Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`mapwright serve: --port must be a whole number from 0 to 65535 (got "${args.port}").\n`);
    return 2;
  }
  const log = stderrLogger;
  const home = resolveWorkspaceHome({
    argv: args.workspace ? ['--workspace', args.workspace] : [],
    env: process.env,
    platform: process.platform,
    homedir: os.homedir(),
  });

  let host;
  try {
    host = await createHostServices({ home, host: 'browser', appVersion: APP_VERSION, log, seed: !args['no-seed'] });
  } catch (e) {
    process.stderr.write(`mapwright serve: cannot open the workspace in ${home}: ${(e as Error).message}\n`);
    return 1;
  }
  let server;
  try {
    const services = host.services;
    server = await startHostServer({ handlers: services.handlers, events: host.events, log, rendererDir: RENDERER_DIR, port, dev, downloads: (id) => services.bundles.download(id) });
  } catch (e) {
    await host.close();
    process.stderr.write(`mapwright serve: cannot listen on 127.0.0.1:${port}: ${(e as Error).message}\n`);
    return 1;
  }
  log.info(`workspace ${host.ws.path}`);
  process.stdout.write(`Mapwright is ready at ${server.url}\n`);
  if (args.open) openBrowser(server.url);

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info(`${signal}: shutting down`);
      void server
        .close()
        .then(() => host.close())
        .then(
          () => resolve(0),
          (e) => {
            log.error('shutdown failed', e);
            resolve(1);
          },
        );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => stderrLogger.warn(`could not open a browser; open ${url} yourself`));
  child.unref();
}
