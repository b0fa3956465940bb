#!/usr/bin/env node
// The `nestor` command (package.json "bin"): runs the built CLI. `npm install`
// builds it (the "prepare" script); after editing sources, run `npm run build`.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('nestor: the command line is not built yet; run `npm run build` in the Nestor folder.\n');
  process.exit(1);
}
await import(pathToFileURL(cli).href);
