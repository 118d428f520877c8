#!/usr/bin/env bash
# test-on-node.sh VERSION [jest args…]: runs the test suite (built packages expected, as after
# `pnpm build`) on Node VERSION, fetched by .ci/node.sh. `pnpm test` itself always runs on the
# Node pinned in package.json (its `node` devDependency is first on PATH in every pnpm script),
# so other versions are run here, with jest started by that Node directly.
#
#   bash .ci/test-on-node.sh 22.23.5
set -euo pipefail
cd "$(dirname "$0")/.."
version="${1:?usage: test-on-node.sh VERSION [jest args…]}"
shift
bin="$(bash .ci/node.sh "$version")"
echo "tests on $("$bin/node" --version)"
# The same NODE_OPTIONS as `pnpm test` (s3rver's listings need OpenSSL's legacy provider).
PATH="$bin:$PATH" NODE_OPTIONS=--openssl-legacy-provider "$bin/node" node_modules/jest/bin/jest.js "$@"
