#!/usr/bin/env node
// The `mapwright` command. Runs the TypeScript CLI through tsx's loader so the package works from a
// checkout without a build step (tsx is a runtime dependency for exactly this reason).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../mappings/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
