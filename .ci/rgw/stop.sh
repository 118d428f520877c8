#!/usr/bin/env bash
# Stop the daemons started by .ci/rgw/start.sh [STATE_DIR] (default /tmp/mti-rgw),
# using the pid files under STATE_DIR/run. Safe to run when nothing is running.
# STATE_DIR itself (logs, env) is kept for inspection; start.sh wipes it.
set -euo pipefail

RUN="${1:-/tmp/mti-rgw}/run"

# The cluster is disposable (start.sh wipes it), so SIGKILL: a clean SIGTERM shutdown takes
# ~5 s (mon rocksdb close, OSD waiting for the mon's ack) and buys nothing here.
for f in "$RUN"/client.rgw.pid "$RUN"/osd.*.pid "$RUN"/mon.*.pid; do
  [ -f "$f" ] || continue
  pid="$(cat "$f")"
  rm -f "$f"
  # Only signal it if the pid still belongs to a Ceph daemon (pids get reused).
  case "$(cat "/proc/$pid/comm" 2>/dev/null || true)" in
    radosgw | ceph-osd | ceph-mon) ;;
    *) continue ;;
  esac
  kill -KILL "$pid" 2>/dev/null || continue
  # Wait until it is gone (a zombie counts as gone: whoever reaps it may be slow)
  # so its ports are free for the next start.
  for _ in $(seq 50); do
    grep -qs '^State:[[:space:]]*[^Z[:space:]]' "/proc/$pid/status" || break
    sleep 0.1
  done
done
echo "RGW stopped"
