// Preloaded with `node -r`: prints, at exit, every module file the process loaded (one JSON line
// on stderr), so a test can tell what a command needed.
'use strict';
process.on('exit', () => {
  process.stderr.write(`\nmodules:${JSON.stringify(Object.keys(require.cache))}\n`);
});
