// Entry of the browser host bundle (out/host/index.cjs); see main.ts.
import { runHost } from './main';

void runHost({ argv: process.argv.slice(2) }).then((code) => process.exit(code));
