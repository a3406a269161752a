import path from 'node:path';

/**
 * Where the workspace lives: `--workspace DIR`, else `MAPWRIGHT_HOME`, else Electron's userData
 * folder (when given), else the platform's data folder: `$XDG_DATA_HOME/Mapwright` or
 * `~/.local/share/Mapwright` (Linux), `~/Library/Application Support/Mapwright` (macOS),
 * `%APPDATA%\Mapwright` (Windows).
 */
export function resolveWorkspaceHome(o: {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  platform: string;
  homedir: string;
  electronUserData?: string;
}): string {
  const flag = workspaceFlag(o.argv);
  if (flag) return path.resolve(flag);
  if (o.env.MAPWRIGHT_HOME) return path.resolve(o.env.MAPWRIGHT_HOME);
  if (o.electronUserData) return o.electronUserData;
  if (o.platform === 'win32') return path.win32.join(o.env.APPDATA ?? path.win32.join(o.homedir, 'AppData', 'Roaming'), 'Mapwright');
  if (o.platform === 'darwin') return path.join(o.homedir, 'Library', 'Application Support', 'Mapwright');
  const xdg = o.env.XDG_DATA_HOME && path.isAbsolute(o.env.XDG_DATA_HOME) ? o.env.XDG_DATA_HOME : path.join(o.homedir, '.local', 'share');
  return path.join(xdg, 'Mapwright');
}

/** The value of `--workspace DIR` or `--workspace=DIR`, if present. */
export function workspaceFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--workspace' && argv[i + 1]) return argv[i + 1];
    if (argv[i].startsWith('--workspace=')) return argv[i].slice('--workspace='.length) || undefined;
  }
  return undefined;
}
