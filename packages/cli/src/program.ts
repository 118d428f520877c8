import { Command, InvalidArgumentError, Option } from 'commander';
import type { CallOptions } from './commands/call';
import type { EmbeddedOptions } from './commands/appEnv';
import type { ServeOptions } from './commands/serve';

// Each command's module is required when that command runs, not here: `mti --help` and
// `mti --version` then load commander alone, and `mti ls` never loads Fastify or the embedded
// S3 server. `pnpm bench cli` holds these start-up times to their targets.

const integer = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError('must be a whole number');
  return parsed;
};

const positive = (value: string): number => {
  const parsed = integer(value);
  if (parsed < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return parsed;
};

const port = (value: string): number => {
  const parsed = integer(value);
  if (parsed > 65535) throw new InvalidArgumentError('must be a port number from 0 to 65535');
  return parsed;
};

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** `--embedded-s3` and `--s3-port`, which every command that loads an app takes. */
const withEmbeddedS3 = (command: Command, what: string): Command =>
  command
    .option('--embedded-s3', what)
    .option('--s3-port <port>', 'port of the embedded S3 server (default: a free one; needs --embedded-s3)', port);

/** Runs the `mti` command line; resolves with the exit code (`serve` resolves on shutdown). */
export async function run(argv: string[]): Promise<number> {
  let exitCode = 0;
  const { version } = require('../package.json') as { version: string };
  const program = new Command('mti')
    .description('Run apps of elements declared in folders (Meta → Type → Instance)')
    .version(version, '-V, --version', 'print the version of mti')
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
        const { formatError } = require('./output/formatError') as typeof import('./output/formatError');
        process.stderr.write(`${formatError(error, verbose())}\n`);
        exitCode = 1;
      }
    };

  withEmbeddedS3(
    program
      .command('serve <appDir>')
      .description("serve the app's element functions over HTTP, with hot reload")
      .option('--port <port>', 'port', port, 3000)
      .option('--host <host>', 'address to bind; other than loopback needs a token', '127.0.0.1'),
    'start an embedded S3 server and point the configs at it',
  )
    .option('--no-watch', 'do not follow file changes')
    .option('--no-console', 'do not serve the browser console at /')
    .option(
      '--token-file <path>',
      'file (mode 600) holding the bearer token every /api request needs (or set MTI_TOKEN)',
    )
    // Refused with a message that says why and what to use instead (commands/readToken.ts).
    .addOption(new Option('--token <token>').hideHelp())
    .option('--allow-host <name>', 'answer this Host name too, besides loopback names (repeatable)', collect, [])
    .option('--allow-origin <origin>', 'let pages of this origin call the gateway, CORS on (repeatable)', collect, [])
    .option('--body-limit <bytes>', 'largest JSON request body', integer, 1024 * 1024)
    .option('--upload-limit <bytes>', 'largest file upload', integer, 5 * 1024 ** 3)
    .option('--max-uploads <n>', 'uploads streamed at once; more are answered 503', positive, 16)
    .option(
      '--upload-memory <bytes>',
      'buffers the uploads streamed at once may need; past it, 503',
      positive,
      64 * 1024 ** 2,
    )
    .option(
      '--body-timeout <ms>',
      'abandon an upload whose body sends nothing for this long (0: never)',
      integer,
      30_000,
    )
    .option(
      '--type-load-timeout <ms>',
      "how long a Type's code may take to import before it is an error",
      integer,
      5000,
    )
    .option(
      '--close-timeout <ms>',
      'on reload or shutdown, how long open downloads may still run before they end with TIMEOUT',
      integer,
      30_000,
    )
    .action(
      guard(async (appDir: string, options: ServeOptions) => {
        const { serve } = require('./commands/serve') as typeof import('./commands/serve');
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

  withEmbeddedS3(
    program.command('check <appDir>').description('validate every element; exit code 1 on any error'),
    'fill S3 variables from an embedded server',
  )
    .option('--json', 'machine-readable output')
    .action(
      guard((appDir: string, options: EmbeddedOptions & { json?: boolean }) => {
        const { check } = require('./commands/check') as typeof import('./commands/check');
        return check(appDir, options);
      }),
    );

  withEmbeddedS3(
    program.command('ls <appDir>').description('list elements with kind, type, origin and status'),
    'fill S3 variables from an embedded server',
  )
    .option('--json', 'machine-readable output')
    .action(
      guard((appDir: string, options: EmbeddedOptions & { json?: boolean }) => {
        const { ls } = require('./commands/ls') as typeof import('./commands/ls');
        return ls(appDir, options);
      }),
    );

  withEmbeddedS3(
    program
      .command('call <appDir> <fullName> <function> [args...]')
      .description('run one element function; arguments are JSON or text')
      .option('--file <path>', 'stream this file in as the "data" argument')
      .option('--out <path>', 'write a byte result to this file')
      .option('--json', 'print the result as one line of JSON'),
    'use the embedded S3 server (data in <appDir>/.mti)',
  ).action(
    guard((appDir: string, fullName: string, method: string, args: string[], options: CallOptions) => {
      const { call } = require('./commands/call') as typeof import('./commands/call');
      return call(appDir, fullName, method, args, options);
    }),
  );

  program
    .command('tsconfig <appDir>')
    .description("write <appDir>/tsconfig.json so tsc and editors check the app's Type code")
    .option('--force', 'replace a tsconfig.json that mti did not write')
    .action(
      guard(async (appDir: string, options: { force?: boolean }) => {
        const { tsconfig } = require('./commands/tsconfig') as typeof import('./commands/tsconfig');
        return tsconfig(appDir, options);
      }),
    );

  try {
    await program.parseAsync(argv);
  } catch (error) {
    const code = (error as { exitCode?: number }).exitCode;
    return typeof code === 'number' ? code : 2;
  }
  return exitCode;
}
