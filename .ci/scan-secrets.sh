#!/usr/bin/env bash
# scan-secrets.sh LOG [SECRET…]: fails when any secret, or any marker the tests use as a secret
# value, appears in LOG (everything a test run printed, DEBUG logs included) — as itself or
# URL-encoded, base64 or hex (the forms .ci/secret-forms.js prints).
set -euo pipefail
log="$1"
shift
values="$(mktemp)"
patterns="$(mktemp)"
trap 'rm -f "$values" "$patterns"' EXIT
grep -v '^#' "$(dirname "$0")/secret-markers.txt" | grep -v '^$' >"$values"
for secret in "$@"; do
  [ -n "$secret" ] && printf '%s\n' "$secret" >>"$values"
done
node "$(dirname "$0")/secret-forms.js" <"$values" >"$patterns"
if grep -n -F -f "$patterns" "$log" >/dev/null; then
  echo "secret scan: FAILED — a secret value appears in the test output:" >&2
  # Where, by line number only: printing the line would print the secret again.
  echo "lines: $(grep -n -F -f "$patterns" "$log" | cut -d: -f1 | tr '\n' ' ')" >&2
  exit 1
fi
echo "secret scan: $(wc -l <"$values") secret values in $(wc -l <"$patterns") forms, $(wc -l <"$log") lines scanned, 0 found"
