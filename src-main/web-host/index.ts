import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startWebHost } from './server';

/**
 * `npm run serve [-- --port N] [-- --host 0.0.0.0]`: Nestor in a browser. Binds
 * to 127.0.0.1 unless told otherwise; a lab serves a classroom with
 * `--host 0.0.0.0` on a trusted network (there are no accounts).
 */
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');

const usage = `usage: node out/main/web-host.js [--port N] [--host ADDRESS] [--data-dir DIR] [--no-sample]`;

function main(): void {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '5180' },
        host: { type: 'string', default: '127.0.0.1' },
        'data-dir': { type: 'string' },
        'no-sample': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a whole number from 0 to 65535 (got ${values.port}).\n${usage}`);
    process.exit(2);
  }
  const dataDir = resolve(values['data-dir'] ?? join(tmpdir(), 'nestor-web-host'));
  mkdirSync(dataDir, { recursive: true });

  startWebHost({
    port,
    host: values.host,
    dataDir,
    resourcesDir: join(root, 'resources'),
    rendererDir: join(root, 'out', 'renderer'),
    engineScript: join(here, 'engine-process.js'),
    sample: values['no-sample'] ? null : 'exam',
  }).then(
    (host) => {
      console.log(`Nestor is serving at ${host.url}`);
      console.log(`Projects in progress are kept in ${dataDir}`);
      const stop = () => {
        host.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (err: NodeJS.ErrnoException) => {
      console.error(
        err.code === 'EADDRINUSE' ? `Port ${port} is already in use; choose another with --port.` : `Nestor could not start: ${err.message}`,
      );
      process.exit(1);
    },
  );
}

main();
