'use strict';
// `pnpm bench [--quick] [case…]`: runs the benchmark cases against one S3 server and prints a
// table. Not part of the tests: figures are reported, never asserted.

const os = require('node:os');
const { benchS3 } = require('./lib/embeddedS3');
const { pinCpus } = require('./lib/pinCpus');
const { fmt } = require('./lib/stats');
const { versions } = require('./lib/versions');
const { reloadCase } = require('./cases/reload');
const { smallCase } = require('./cases/small');
const { largeCase } = require('./cases/large');
const { signingCase } = require('./cases/signing');
const { startupCase } = require('./cases/startup');
const { cliCase } = require('./cases/cli');
const { gatewayCase } = require('./cases/gateway');
const { transfersCase } = require('./cases/transfers');

const cases = {
  small: smallCase,
  large: largeCase,
  signing: signingCase,
  reload: reloadCase,
  startup: startupCase,
  cli: cliCase,
  gateway: gatewayCase,
  transfers: transfersCase,
};

async function main() {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const chosen = args.filter((a) => !a.startsWith('--'));
  const names = chosen.length > 0 ? chosen : Object.keys(cases);
  const unknown = names.filter((name) => !cases[name]);
  if (unknown.length > 0) throw new Error(`unknown case "${unknown[0]}"; cases: ${Object.keys(cases).join(', ')}`);
  const started = Date.now();
  const s3 = await benchS3();
  const pinning = pinCpus(s3);
  console.log(`mti bench${quick ? ' --quick' : ''} — ${new Date().toISOString()}`);
  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, server: ${s3.name}; ${pinning}`,
  );
  console.log(`versions: ${versions()}`);
  const rows = [];
  const notes = [];
  const targets = [];
  try {
    for (const name of names) {
      const run = cases[name];
      const caseStarted = Date.now();
      const result = await run({ s3, quick });
      console.log(`${name}: ${((Date.now() - caseStarted) / 1000).toFixed(1)} s`);
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
      `| ${r.case} | ${r.candidate} | ${fmt(r.median, r.unit)} | ${fmt(r.p95)} | ${r.spread} | ${r.n} | ${r.ratio} |`,
    );
  console.log('');
  for (const note of notes) console.log(`- ${note}`);
  if (quick) console.log('- --quick: few rounds of small batches, a smoke run; its ratios are indicative only');
  console.log('\n| target | measured | holds |\n| --- | --- | --- |');
  for (const t of targets) console.log(`| ${t.target} | ${t.measured} | ${t.holds ? 'yes' : 'NO'} |`);
  console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
