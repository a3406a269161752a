/**
 * `mapwright` command line. Each command lives in `commands/<name>.ts` and exports
 * `command: CliCommand`; they load lazily so `mapwright check` does not pay for the bundle code.
 * Exit codes: 0 ok, 1 the input has errors (diagnostics, failed tests, rejected records with
 * --strict, failed verification), 2 usage error or unreadable input.
 */
import type { CliCommand } from './command';

// Loaded by name so a command's dependencies are only paid for when it runs.
const COMMAND_NAMES = [
  'infer', 'models', 'sample', 'redact', 'check', 'run', 'test', 'eval', 'bundle', 'verify', 'diff', 'review', 'keygen',
] as const;
const COMMANDS: Record<string, () => Promise<{ command: CliCommand }>> = Object.fromEntries(
  COMMAND_NAMES.map((name) => [name, () => import(`./commands/${name}.ts`) as Promise<{ command: CliCommand }>]),
);

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(await usage());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    process.stdout.write('mapwright 0.1.0\n');
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`mapwright: unknown command "${name}"\n\n${await usage()}`);
    return 2;
  }
  let mod: { command: CliCommand };
  try {
    mod = await load();
  } catch (e) {
    process.stderr.write(`mapwright: the "${name}" command is not available in this build (${(e as Error).message})\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${mod.command.usage}\n`);
    return 0;
  }
  try {
    return await mod.command.run(rest);
  } catch (e) {
    const err = e as Error & { exitCode?: number };
    process.stderr.write(`mapwright ${name}: ${err.message}\n`);
    return err.exitCode ?? 2;
  }
}

async function usage(): Promise<string> {
  const lines = ['Usage: mapwright <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(COMMANDS)) {
    try {
      const { command } = await load();
      lines.push(`  ${name.padEnd(8)} ${command.summary}`);
    } catch {
      /* command not built yet */
    }
  }
  lines.push('', 'Run `mapwright <command> --help` for its options.', '');
  return lines.join('\n');
}
