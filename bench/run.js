'use strict';
// `pnpm bench [--quick] [case…]`: runs the benchmark cases against one S3 server and prints a
// table. Not part of the tests: figures are reported, never asserted.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const os = require('node:os');
const { benchS3 } = require('./lib/embeddedS3');
const { fmt } = require('./lib/stats');
const { reloadCase } = require('./cases/reload');

const cases = { reload: reloadCase };

async function main() {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const chosen = args.filter((a) => !a.startsWith('--'));
  const names = chosen.length > 0 ? chosen : Object.keys(cases);
  const s3 = await benchS3();
  const started = Date.now();
  console.log(`mti bench${quick ? ' --quick' : ''} — ${new Date().toISOString()}`);
  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, server: ${s3.name}`,
  );
  const rows = [];
  const notes = [];
  const targets = [];
  try {
    for (const name of names) {
      const run = cases[name];
      if (!run) throw new Error(`unknown case "${name}"; cases: ${Object.keys(cases).join(', ')}`);
      const result = await run({ s3, quick });
      rows.push(...result.rows);
      notes.push(...result.notes);
      targets.push(...result.targets);
    }
  } finally {
    await s3.stop();
  }
  console.log(
    '\n| case | candidate | median | p95 | spread | n | ratio |\n| --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const r of rows)
    console.log(
      `| ${r.case} | ${r.candidate} | ${fmt(r.median)} | ${fmt(r.p95)} | ${r.spread} | ${r.n} | ${r.ratio} |`,
    );
  console.log('');
  for (const note of notes) console.log(`- ${note}`);
  console.log('\n| target | measured | holds |\n| --- | --- | --- |');
  for (const t of targets) console.log(`| ${t.target} | ${t.measured} | ${t.holds ? 'yes' : 'NO'} |`);
  console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
