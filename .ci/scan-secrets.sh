#!/usr/bin/env bash
# scan-secrets.sh LOG [SECRET…]: fails when any secret, or any marker the tests use as a secret
# value, appears in LOG (everything a test run printed, DEBUG logs included).
set -euo pipefail
log="$1"
shift
patterns="$(mktemp)"
trap 'rm -f "$patterns"' EXIT
grep -v '^#' "$(dirname "$0")/secret-markers.txt" | grep -v '^$' >"$patterns"
for secret in "$@"; do
  [ -n "$secret" ] && printf '%s\n' "$secret" >>"$patterns"
done
if grep -n -F -f "$patterns" "$log" >/dev/null; then
  echo "secret scan: FAILED — a secret value appears in the test output:" >&2
  # Where, by line number only: printing the line would print the secret again.
  echo "lines: $(grep -n -F -f "$patterns" "$log" | cut -d: -f1 | tr '\n' ' ')" >&2
  exit 1
fi
echo "secret scan: $(wc -l <"$patterns") secret values, $(wc -l <"$log") lines scanned, 0 found"
