#!/usr/bin/env bash
# packages.sh [NODE_BIN_DIR]: the four packages as a user gets them from npm. Packs each
# (workspace versions resolved), lints the tarballs (publint, @arethetypeswrong/cli), installs
# them with plain npm into a new project outside the repository, and there:
#   a. loads an app folder with @mti/loader from an ES module and from CommonJS, and uploads,
#      downloads and signs against the embedded S3 server;
#   b. runs the `mti` bin from node_modules/.bin;
#   c. type-checks an .mts consumer with moduleResolution nodenext (and a wrong one must fail);
#   d. type-checks the app's own Type code, outside any node_modules, after `mti tsconfig`;
#   e. serves the console the cli tarball ships, page and script, from `mti serve`.
# npm runs on the Node in NODE_BIN_DIR (default: the repository's pinned Node); an engine
# warning from the install fails the check. Expects built packages (`pnpm build`).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-$repo/node_modules/node/bin}"
export PATH="$bin:$PATH"
echo "packages: on Node $(node --version), npm $(npm --version)"
pnpm() { npx --yes pnpm@10.34.9 "$@"; }

work="$(mktemp -d /tmp/mti-packages.XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/packs"
for package in core type-aws-s3 type-disk loader cli; do
  (cd "$repo/packages/$package" && pnpm pack --pack-destination "$work/packs" >/dev/null)
done
for tarball in "$work"/packs/*.tgz; do
  name="$(basename "$tarball")"
  # Listed to a file first: `tar | grep -q` would fail under pipefail when grep stops early.
  tar tzf "$tarball" >"$work/list"
  for wanted in package/README.md package/LICENSE package/package.json package/dist/index.js package/dist/index.d.ts; do
    grep -qx "$wanted" "$work/list" || { echo "packages: $name lacks $wanted" >&2; exit 1; }
  done
  if grep -q '^package/src/' "$work/list"; then echo "packages: $name ships src/" >&2; exit 1; fi
  # The console is built into the cli package by `pnpm build`; a pack before that build has none.
  if [[ "$name" == mti-cli-* ]] && ! { grep -qx 'package/console/index.html' "$work/list" && grep -qx 'package/console/THIRD-PARTY-LICENSES.md' "$work/list"; }; then
    echo "packages: $name lacks the console (package/console/index.html): run pnpm build first" >&2
    exit 1
  fi
  # Every source map carries its sources (there is no src/ in the tarball to point at).
  tar xzf "$tarball" -C "$work" --wildcards 'package/dist/*.map' --transform "s|^package|maps-$name|"
  node -e '
    const { readdirSync, readFileSync } = require("node:fs");
    const { join } = require("node:path");
    const walk = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]);
    for (const file of walk(process.argv[1])) {
      const map = JSON.parse(readFileSync(file, "utf8"));
      if (!Array.isArray(map.sourcesContent) || map.sourcesContent.length !== map.sources.length || map.sourcesContent.some((s) => typeof s !== "string"))
        { console.error(`packages: ${file} has no inlined sources`); process.exit(1); }
    }' "$work/maps-$name"
  "$repo/node_modules/.bin/publint" --strict "$tarball"
  "$repo/node_modules/.bin/attw" --format table-flipped "$tarball"
done

project="$work/project"
cp -r "$repo/.ci/consumer" "$project"
cd "$project"
npm init -y >/dev/null
npm pkg set type=commonjs >/dev/null
install_log="$work/install.log"
npm install --no-audit --no-fund --loglevel=warn "$work"/packs/*.tgz \
  typescript@5.9.3 @types/node@22.20.7 2>&1 | tee "$install_log"
if grep -q EBADENGINE "$install_log"; then echo "packages: npm install warned about engines" >&2; exit 1; fi

# a. ES module and CommonJS, against the embedded S3 server (s3rver needs the legacy provider).
node --openssl-legacy-provider esm.mjs
node --openssl-legacy-provider cjs.cjs

# b. The bin, as npm linked it.
[ "$(node_modules/.bin/mti --version)" = "$(node -p 'require("@mti/cli/package.json").version')" ]
node_modules/.bin/mti check app --embedded-s3
node_modules/.bin/mti ls app --embedded-s3 --json | node -e '
  const list = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
  const own = list.find((e) => e.fullName === "storages.TenantS3Type");
  if (own?.origin !== "app" || own.status !== "ready") { console.error("packages: mti ls shows", own); process.exit(1); }'

# c. An .mts consumer type-checks with nodenext; one that misuses the API does not.
node_modules/.bin/tsc -p tsconfig.json
if node_modules/.bin/tsc --module nodenext --moduleResolution nodenext --target ES2022 --strict --noEmit \
  --types node wrong.mts >"$work/wrong.log" 2>&1; then
  echo "packages: wrong.mts type-checked; the declarations are not being read" >&2
  exit 1
fi
grep -q "wrong.mts" "$work/wrong.log"

# d. App Type code in a folder with no node_modules anywhere above it.
loose="$(mktemp -d /tmp/mti-loose-app.XXXXXX)"
trap 'rm -rf "$work" "$loose"' EXIT
cp -r app/. "$loose"
node_modules/.bin/mti tsconfig "$loose"
node_modules/.bin/tsc -p "$loose"
printf '\nexport const broken: number = "not a number";\n' >>"$loose/storages/TenantS3Type/index.ts"
if node_modules/.bin/tsc -p "$loose" >"$work/loose.log" 2>&1; then
  echo "packages: a type error in app Type code went unnoticed" >&2
  exit 1
fi
# e. The console from the installed tarball: the page, and the script it names.
port=$(node -e 'const s=require("node:net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
node_modules/.bin/mti serve app --embedded-s3 --port "$port" >"$work/serve.log" 2>&1 &
serving=$!
trap 'kill "$serving" 2>/dev/null || true; rm -rf "$work" "$loose"' EXIT
node -e '
  const base = `http://127.0.0.1:${process.argv[1]}`;
  const fail = (why) => { console.error(`packages: console: ${why}`); process.exit(1); };
  (async () => {
    let page;
    for (let i = 0; i < 100 && page === undefined; i++) {
      page = await fetch(`${base}/`).catch(() => undefined);
      if (page === undefined) await new Promise((r) => setTimeout(r, 200));
    }
    if (page?.status !== 200) fail(`GET / answered ${page?.status}`);
    const html = await page.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    if (script === undefined) fail("the page names no script");
    const js = await fetch(base + script);
    if (js.status !== 200 || !js.headers.get("content-type")?.includes("javascript")) fail(`${script} answered ${js.status}`);
  })();' "$port"
kill "$serving"
wait "$serving" 2>/dev/null || true
echo "packages: tarballs, ESM and CJS loading, the bin, the types and the console all check out"
