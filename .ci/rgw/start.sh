#!/usr/bin/env bash
# Start a throw-away one-node Ceph cluster (1 mon, 1 memstore OSD, 1 radosgw) on
# 127.0.0.1 for the S3 integration tests, create an S3 user and a bucket, and
# write STATE_DIR/env with the MTI_RGW_* variables the tests read.
#
#   .ci/rgw/start.sh [STATE_DIR]      (default /tmp/mti-rgw; wiped and recreated)
#   env: RGW_PORT (7480) RGW_MON_PORT (6789) RGW_BUCKET (mti-rgw-test)
#        RGW_ACCESS_KEY / RGW_SECRET_KEY (random if unset)
# Stop with .ci/rgw/stop.sh [STATE_DIR]. Needs root only to apt-get install.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE_DIR="${1:-/tmp/mti-rgw}"
RGW_PORT="${RGW_PORT:-7480}"
MON_PORT="${RGW_MON_PORT:-6789}"
BUCKET="${RGW_BUCKET:-mti-rgw-test}"
# RGW checks SigV4 with whatever region the request's scope names (its zonegroup is
# "default"; us-east-1, default and eu-west-1 all verified), so use the SDK's usual one.
REGION=us-east-1
TIMEOUT=90

if ! command -v radosgw >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends radosgw ceph-mon ceph-osd ceph-common >/dev/null
fi
command -v node >/dev/null || { echo "start.sh: node is required" >&2; exit 1; }
SECONDS=0   # TIMEOUT covers bringing the cluster up, not the package install

rand() { # rand CHARSET LENGTH -- avoids `tr | head`, which trips pipefail via SIGPIPE
  local s; s="$(LC_ALL=C tr -dc "$1" < <(head -c 4096 /dev/urandom))"; echo "${s:0:$2}"
}
ACCESS_KEY="${RGW_ACCESS_KEY:-$(rand 'A-Z0-9' 20)}"
SECRET_KEY="${RGW_SECRET_KEY:-$(rand 'A-Za-z0-9' 40)}"

# Daemons left over from an earlier run in the same STATE_DIR would hold the ports.
"$HERE/stop.sh" "$STATE_DIR" >/dev/null
# Fail fast on a taken port: radosgw could not bind it, yet whatever holds it would answer
# the readiness probe below.
for port in "$RGW_PORT" "$MON_PORT"; do
  if (: <"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "start.sh: 127.0.0.1:$port is already in use" >&2; exit 1
  fi
done
if [ -n "$(ls -A "$STATE_DIR" 2>/dev/null)" ] && [ ! -f "$STATE_DIR/ceph.conf" ]; then
  echo "start.sh: $STATE_DIR is not empty and not ours; refusing to wipe it" >&2; exit 1
fi
rm -rf "$STATE_DIR"
mkdir -p "$STATE_DIR"/{log,run,mon/ceph-a,osd/ceph-0}
STATE_DIR="$(cd "$STATE_DIR" && pwd)"
LOG="$STATE_DIR/log"
export CEPH_CONF="$STATE_DIR/ceph.conf"   # picked up by ceph, radosgw-admin and the daemons

FAILED_LOG=""
on_exit() {
  local rc=$?
  [ "$rc" -eq 0 ] && return
  echo "start.sh: FAILED (exit $rc)" >&2
  for f in "$FAILED_LOG" "$LOG/launch.err"; do
    [ -s "$f" ] && { echo "--- tail of $f:" >&2; tail -n 30 "$f" >&2; }
  done
  "$HERE/stop.sh" "$STATE_DIR" >/dev/null 2>&1 || true
}
trap on_exit EXIT

# wait_for WHAT LOGFILE COMMAND... : retry COMMAND until it succeeds or the overall deadline passes.
wait_for() {
  local what="$1"; FAILED_LOG="$2"; shift 2
  until "$@" >/dev/null 2>&1; do
    if [ "$SECONDS" -ge "$TIMEOUT" ]; then echo "start.sh: timed out waiting for $what" >&2; return 1; fi
    sleep 0.5
  done
}

cat >"$CEPH_CONF" <<EOF
[global]
fsid = $(cat /proc/sys/kernel/random/uuid)
mon host = v2:127.0.0.1:$MON_PORT
public addr = 127.0.0.1
cluster addr = 127.0.0.1
# msgr2 only. With msgr1 + "auth none" a client counts as authenticated before it has the
# monmap, so its first command can carry a zero fsid and the mon answers EPERM "wrong fsid"
# (hit ~1 start in 4: \`ceph osd create\` or the OSD's boot-time crush update failed).
ms bind msgr1 = false
# Bound every client/daemon connect (default 300 s) so a stuck step fails within TIMEOUT.
client mount timeout = 20
auth cluster required = none
auth service required = none
auth client required = none
keyring = $STATE_DIR/keyring
run dir = $STATE_DIR/run
admin socket = $STATE_DIR/run/\$cluster-\$name.asok
pid file = $STATE_DIR/run/\$name.pid
log file = $LOG/\$name.log
mon cluster log file = $LOG/cluster.log
mon data = $STATE_DIR/mon/\$cluster-\$id
osd data = $STATE_DIR/osd/\$cluster-\$id
osd pool default size = 1
mon allow pool size one = true
# RGW creates 7 pools; at the default 32 PGs each that is 224 of the single OSD's
# mon_max_pg_per_osd (250), one more pool and pool creation fails. 8 leaves headroom.
osd pool default pg num = 8
osd pool default pgp num = 8
osd crush chooseleaf type = 0

[mon]
# RGW creates its ~7 pools one mon map change at a time; the default 1 s batching
# interval made that ~10 s of the start-up.
paxos propose interval = 0.05

[osd]
osd objectstore = memstore
memstore device bytes = $((3 * 1024 * 1024 * 1024))

[client.rgw]
rgw frontends = beast endpoint=127.0.0.1:$RGW_PORT
# radosgw defaults this to "secure", which needs cephx; with auth none it can't reach the mon.
ms mon client mode = crc
EOF

# Monitor. The daemons fork themselves; their parent exits once startup succeeded.
FAILED_LOG="$LOG/mon.a.log"
ceph-authtool --create-keyring "$STATE_DIR/keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
monmaptool --create --fsid "$(sed -n 's/^fsid = //p' "$CEPH_CONF")" \
  --addv a "[v2:127.0.0.1:$MON_PORT]" "$STATE_DIR/monmap" >/dev/null
# Daemons echo their first error lines to stderr too; keep those out of the CI output.
ceph-mon --mkfs -i a --monmap "$STATE_DIR/monmap" --keyring "$STATE_DIR/keyring" 2>>"$LOG/launch.err"
ceph-mon -i a 2>>"$LOG/launch.err"
wait_for "the monitor" "$LOG/mon.a.log" ceph --connect-timeout 5 mon stat

# OSD
FAILED_LOG="$LOG/osd.0.log"
# The OSD re-registers itself by uuid on boot; a mismatch with the mon's record is "wrong fsid".
OSD_UUID="$(cat /proc/sys/kernel/random/uuid)"
OSD_ID="$(ceph osd create "$OSD_UUID")"
ceph-osd -i "$OSD_ID" --mkfs --osd-uuid "$OSD_UUID" 2>>"$LOG/launch.err"
ceph-osd -i "$OSD_ID" 2>>"$LOG/launch.err"
wait_for "the OSD to be up" "$LOG/osd.$OSD_ID.log" \
  bash -c "ceph osd stat --format json | grep -q '\"num_up_osds\":1'"

# Gateway. It creates its pools on first start, so the port opens only once PGs are active.
FAILED_LOG="$LOG/client.rgw.log"
radosgw -n client.rgw 2>>"$LOG/launch.err"
wait_for "radosgw on port $RGW_PORT" "$LOG/client.rgw.log" \
  node -e "require('http').get('http://127.0.0.1:$RGW_PORT/', r => process.exit(r.statusCode < 500 ? 0 : 1)).on('error', () => process.exit(1))"

radosgw-admin user create --uid=mti-test --display-name=mti-test \
  --access-key="$ACCESS_KEY" --secret="$SECRET_KEY" >/dev/null

# radosgw-admin cannot create buckets, so sign a PUT Bucket with SigV4 using only Node built-ins.
FAILED_LOG=""
AK="$ACCESS_KEY" SK="$SECRET_KEY" node - "$RGW_PORT" "$BUCKET" "$REGION" <<'JS'
const crypto = require('crypto'), http = require('http');
const [port, bucket, region] = process.argv.slice(2), { AK, SK } = process.env;
const sha = (d) => crypto.createHash('sha256').update(d).digest('hex');
const hmac = (k, d) => crypto.createHmac('sha256', k).update(d).digest();
const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, ''), day = amzDate.slice(0, 8);
const host = `127.0.0.1:${port}`, body = '', bodyHash = sha(body);
const signed = 'host;x-amz-content-sha256;x-amz-date';
const canonical = ['PUT', `/${bucket}`, '', `host:${host}`, `x-amz-content-sha256:${bodyHash}`,
  `x-amz-date:${amzDate}`, '', signed, bodyHash].join('\n');
const scope = `${day}/${region}/s3/aws4_request`;
const key = ['s3', 'aws4_request'].reduce(hmac, hmac(hmac('AWS4' + SK, day), region));
const sig = crypto.createHmac('sha256', key)
  .update(['AWS4-HMAC-SHA256', amzDate, scope, sha(canonical)].join('\n')).digest('hex');
http.request({ host: '127.0.0.1', port, method: 'PUT', path: `/${bucket}`, headers: {
  host, 'x-amz-date': amzDate, 'x-amz-content-sha256': bodyHash, 'content-length': 0,
  authorization: `AWS4-HMAC-SHA256 Credential=${AK}/${scope}, SignedHeaders=${signed}, Signature=${sig}`,
} }, (res) => {
  let out = ''; res.on('data', (c) => (out += c));
  res.on('end', () => { if (res.statusCode !== 200) { console.error(`PUT /${bucket}: ${res.statusCode} ${out}`); process.exit(1); } });
}).on('error', (e) => { console.error(e.message); process.exit(1); }).end();
JS

cat >"$STATE_DIR/env" <<EOF
export MTI_RGW_ENDPOINT=http://127.0.0.1:$RGW_PORT
export MTI_RGW_ACCESS_KEY=$ACCESS_KEY
export MTI_RGW_SECRET_KEY=$SECRET_KEY
export MTI_RGW_BUCKET=$BUCKET
export MTI_RGW_REGION=$REGION
EOF
echo "RGW up in ${SECONDS}s; source $STATE_DIR/env"
