import { existsSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import { ElementError, ErrorCode } from '@mti/core';
import { SHARED_PACKAGES } from '@mti/loader';

const MARK = '// Written by `mti tsconfig`';

/** A path as tsconfig wants it: relative to the app when it can be, with forward slashes. */
function fromApp(appDir: string, target: string): string {
  const rel = relative(appDir, target).split(sep).join('/');
  return rel.startsWith('../') ? rel : `./${rel}`;
}

/** For messages: relative to the working folder when inside it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}

/**
 * `mti tsconfig <appDir>`: writes `<appDir>/tsconfig.json` so that editors and `tsc -p <appDir>`
 * type-check the app's Type code against the `@mti/*` packages this `mti` runs it with, even
 * when the app folder has no node_modules of its own (the loader resolves those imports itself).
 */
export function tsconfig(appDir: string, options: { force?: boolean }): number {
  const dir = resolve(appDir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ElementError({ code: ErrorCode.INVALID_ARGUMENT, file: dir, message: `${dir} is not a folder` });
  }
  const file = join(dir, 'tsconfig.json');
  if (existsSync(file) && options.force !== true && !readFileSync(file, 'utf8').startsWith(MARK)) {
    throw new ElementError({
      code: ErrorCode.CONFLICT,
      file,
      message: `${file} exists and was not written by mti; pass --force to replace it`,
    });
  }
  // Real paths: the Type's own declarations import @mti/core from where the package really is,
  // and TypeScript must see one @mti/core, not two copies of its classes.
  const paths: Record<string, string[]> = {};
  // The packages app Type code may import: the loader hands it these very modules at run time,
  // so they are found from the loader (the official Types are its dependencies, not the cli's).
  const fromLoader = createRequire(require.resolve('@mti/loader'));
  for (const name of SHARED_PACKAGES) {
    const root = realpathSync(dirname(fromLoader.resolve(`${name}/package.json`)));
    paths[name] = [fromApp(dir, join(root, 'dist/index.d.ts'))];
  }
  let nodeTypes: string | undefined;
  try {
    nodeTypes = dirname(dirname(require.resolve('@types/node/package.json', { paths: [dir, __dirname] })));
  } catch {
    nodeTypes = undefined;
  }
  const config = {
    compilerOptions: {
      target: 'ES2022',
      module: 'node16',
      moduleResolution: 'node16',
      strict: true,
      noEmit: true,
      // As the loader compiles Type code: legacy decorators with their metadata, for inversify.
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      esModuleInterop: true,
      skipLibCheck: true,
      paths,
      ...(nodeTypes === undefined ? {} : { typeRoots: [fromApp(dir, nodeTypes)], types: ['node'] }),
    },
    include: ['**/*.ts'],
    exclude: ['node_modules', '.mti'],
  };
  const text = `${MARK}: paths to the @mti packages of the mti that wrote it; run it again if they move.\n${JSON.stringify(config, null, 2)}\n`;
  // Written whole, then renamed: an editor watching the file never reads half of it.
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
  process.stdout.write(
    `wrote ${shown(file)}: \`tsc -p ${shown(dir)}\` type-checks the app's Type code\n` +
      (nodeTypes === undefined ? 'note: @types/node was not found; install it for Node types\n' : ''),
  );
  return 0;
}
