import { Command, InvalidArgumentError } from 'commander';
import { call } from './commands/call';
import { check } from './commands/check';
import { ls } from './commands/ls';
import { serve, type ServeOptions } from './commands/serve';
import { formatError } from './output/formatError';

const integer = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError('must be a whole number');
  return parsed;
};

/** Runs the `mti` command line; resolves with the exit code (`serve` resolves on shutdown). */
export async function run(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command('mti')
    .description('Run apps of elements declared in folders (Meta → Type → Instance)')
    .option('--verbose', 'show the cause of errors')
    .showHelpAfterError()
    .exitOverride();

  const verbose = (): boolean => program.opts<{ verbose?: boolean }>().verbose === true;
  const guard =
    <A extends unknown[]>(action: (...args: A) => Promise<number>) =>
    async (...args: A): Promise<void> => {
      try {
        exitCode = await action(...args);
      } catch (error) {
        process.stderr.write(`${formatError(error, verbose())}\n`);
        exitCode = 1;
      }
    };

  program
    .command('serve <appDir>')
    .description("serve the app's element functions over HTTP, with hot reload")
    .option('--port <port>', 'port', integer, 3000)
    .option('--host <host>', 'address to bind; other than loopback needs a token', '127.0.0.1')
    .option('--embedded-s3', 'start s3rver in-process and point the configs at it')
    .option('--no-watch', 'do not follow file changes')
    .option('--token <token>', 'bearer token required on every request (or MTI_TOKEN)')
    .option('--body-limit <bytes>', 'largest JSON request body', integer, 1024 * 1024)
    .option('--upload-limit <bytes>', 'largest file upload', integer, 5 * 1024 ** 3)
    .action(
      guard(async (appDir: string, options: ServeOptions) => {
        const stop = await serve(appDir, options);
        await new Promise<void>((resolve) => {
          const shutdown = (): void => {
            process.off('SIGINT', shutdown);
            process.off('SIGTERM', shutdown);
            void stop().then(resolve);
          };
          process.on('SIGINT', shutdown);
          process.on('SIGTERM', shutdown);
        });
        return 0;
      }),
    );

  program
    .command('check <appDir>')
    .description('validate every element; exit code 1 on any error')
    .option('--embedded-s3', 'fill S3 variables from an embedded server')
    .option('--json', 'machine-readable output')
    .action(guard((appDir: string, options: { embeddedS3?: boolean; json?: boolean }) => check(appDir, options)));

  program
    .command('ls <appDir>')
    .description('list elements with kind, type and status')
    .option('--embedded-s3', 'fill S3 variables from an embedded server')
    .option('--json', 'machine-readable output')
    .action(guard((appDir: string, options: { embeddedS3?: boolean; json?: boolean }) => ls(appDir, options)));

  program
    .command('call <appDir> <fullName> <function> [args...]')
    .description('run one element function; arguments are JSON or text')
    .option('--file <path>', 'stream this file in as the "data" argument')
    .option('--out <path>', 'write a byte result to this file')
    .option('--json', 'print the result as one line of JSON')
    .option('--embedded-s3', 'use the embedded S3 server (data in <appDir>/.mti)')
    .action(
      guard(
        (
          appDir: string,
          fullName: string,
          method: string,
          args: string[],
          options: { file?: string; out?: string; json?: boolean; embeddedS3?: boolean },
        ) => call(appDir, fullName, method, args, options),
      ),
    );

  try {
    await program.parseAsync(argv);
  } catch (error) {
    const code = (error as { exitCode?: number }).exitCode;
    return typeof code === 'number' ? code : 2;
  }
  return exitCode;
}
