import { AppError, toErrorValue } from '@shared/errors';
import { parseCli, USAGE } from './cli/args';
import { runCompare, runFit, runLmList } from './cli/commands';
import { loadData } from './cli/load-data';

/**
 * `nestor`: the command line, running the same engine code as the app. Text
 * output is R's printed layout; --json gives the reference fields. Exit 0 on
 * success, 2 on bad input (the message on stderr names the problem), 1 when
 * Nestor itself fails.
 */
export async function main(argv: string[]): Promise<number> {
  try {
    const options = parseCli(argv);
    if (options === 'help') {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    const data = await loadData(options);
    for (const warning of data.warnings) process.stderr.write(`Warning: ${warning}\n`);
    const run = options.command === 'fit' ? runFit : options.command === 'lmlist' ? runLmList : runCompare;
    process.stdout.write(await run(options, data));
    return 0;
  } catch (err) {
    const error = toErrorValue(err);
    process.stderr.write(`nestor: ${error.message}\n`);
    if (error.code === 'internal' && !(err instanceof AppError) && err instanceof Error && err.stack) process.stderr.write(err.stack + '\n');
    return error.code === 'internal' ? 1 : 2;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
