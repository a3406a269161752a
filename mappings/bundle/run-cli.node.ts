/** The statement `run.mjs` runs: the runner's main over the process arguments. */
import { main } from './run-entry.node.js';

process.exitCode = await main(process.argv.slice(2));
