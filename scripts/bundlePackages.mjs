// Bundles each library package's JavaScript into a few files, after `tsc -b` has written its
// type declarations (the library packages' tsconfigs emit declarations only).
//
// Why: Node spends about half a millisecond per CommonJS module it resolves, reads and wraps,
// and zod alone is 95 modules (64 of them locales). Loaded file by file, `mti ls` started 300
// modules and took 4.0× a bare `node -e 0` (target 3.5×); with one file per entry point it loads
// about 30 and takes under 3× (docs/BENCHMARKS.md, finding 11).
//
// What stays apart on purpose:
// - every dependency a package declares is left to `require`, so there is one copy of `@mti/*`,
//   inversify and reflect-metadata in a process, the one app code is offered by the loader;
// - except zod in @mti/core, which core re-exports as `z`: inlined, so it is one module too;
// - `require()` calls inside functions stay lazy (the AWS SDK, chokidar, worker_threads…);
// - the CLI is not bundled: it finds its console and other files relative to its own modules,
//   and is nine small modules.
//
// Run from the repository root: `node scripts/bundlePackages.mjs` (the build scripts do).
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'rolldown';

const root = join(import.meta.dirname, '..');

/**
 * The packages bundled; `entries` beyond the package's own `exports` are files loaded by path.
 * `inline` lists dependencies copied into the bundle instead of required.
 */
const packages = [
  { dir: 'packages/core', inline: ['zod'] },
  { dir: 'packages/type-aws-s3' },
  { dir: 'packages/type-disk' },
  // The worker that checks Type code in a thread is started by path (checkTypeCode.ts).
  { dir: 'packages/loader', entries: { typeCodeWorker: 'src/code/typeCodeWorker.ts' } },
];

/** `exports` targets `./dist/<name>.js` become entries `<name>` from `src/<name>.ts`. */
function exportEntries(pkg) {
  const entries = {};
  for (const target of Object.values(pkg.exports ?? {})) {
    const file = typeof target === 'string' ? target : target.default;
    const match = /^\.\/dist\/(.+)\.js$/.exec(file ?? '');
    if (match) entries[match[1]] = `src/${match[1]}.ts`;
  }
  return entries;
}

/** Every .js and .js.map under dist: what an earlier bundle or an earlier tsc emit left. */
function removeScripts(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.js(\.map)?$/.test(entry.name)) rmSync(join(entry.parentPath, entry.name));
  }
}

for (const { dir: packageDir, inline = [], entries = {} } of packages) {
  const dir = join(root, packageDir);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const required = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }).filter(
    (name) => !inline.includes(name),
  );
  const input = { ...exportEntries(pkg), ...entries };
  const started = performance.now();
  removeScripts(join(dir, 'dist'));
  await build({
    cwd: dir,
    input,
    platform: 'node',
    tsconfig: join(dir, 'tsconfig.build.json'),
    external: (id) => id.startsWith('node:') || required.some((name) => id === name || id.startsWith(`${name}/`)),
    logLevel: 'warn',
    output: {
      dir: join(dir, 'dist'),
      format: 'cjs',
      // Error classes and elements print their constructor's name (Element's inspect).
      keepNames: true,
      // Maps with their sources inlined: the published package has no src/ to point at.
      sourcemap: true,
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
    },
  });
  const ms = Math.round(performance.now() - started);
  console.log(`bundled ${relative(root, dir)} (${Object.keys(input).join(', ')}) in ${ms} ms`);
}
