#!/usr/bin/env bash
# Frontline against a real learning record store: Ralph (PyPI `ralph-malph`)
# on its file backend, on a loopback port. Two "machines" (two data folders)
# play text sessions, the store is down for part of it, everything restarts,
# and then the store must hold every statement exactly once, and
# `report --lrs` must show the same figures as the two local reports.
# Every statement the store returns is also checked with Learning Locker's
# validator (npm `@learninglocker/xapi-validation`).
# Usage: tests/lrs/lrs.sh [path/to/frontline]   (needs python3, node, npm)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${1:-$root/target/release/frontline}
work=${LRS_WORK:-$root/target/lrs}
port=${LRS_PORT:-8127}
rm -rf "$work"; mkdir -p "$work"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q 'ralph-malph[backend-fs,cli,lrs]==5.1.0' requests
(cd "$work" && npm install --silent --no-audit --no-fund @learninglocker/xapi-validation@3 >/dev/null)
export RALPH_APP_DIR=$work/app RALPH_AUTH_FILE=$work/auth.json RALPH_RUNSERVER_BACKEND=fs
export RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH=$work/store
"$work/venv/bin/ralph" auth -u trainer -p secret -s all -w -A trainer https://frontline.example >/dev/null 2>&1
export FRONTLINE_LRS=http://127.0.0.1:$port/xAPI/ FRONTLINE_LRS_KEY=trainer FRONTLINE_LRS_SECRET=secret
export FRONTLINE_SCENARIOS=$root/scenarios
lrs_pid=
start_lrs() {
    "$work/venv/bin/python" "$here/ralph_lrs.py" "$port" >>"$work/lrs.log" 2>&1 &
    lrs_pid=$!
    for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/__heartbeat__" && return; sleep 0.1; done
    echo "the LRS did not start"; exit 1
}
stop_lrs() { kill -9 "$lrs_pid" 2>/dev/null || true; wait "$lrs_pid" 2>/dev/null || true; }
trap stop_lrs EXIT
play() { # data trainee scenario seed picks
    printf '%s\n' $5 | "$bin" --data "$1" play --text "$3" --trainee "$2" --seed "$4" >/dev/null || true
}
a=$work/machine-a b=$work/machine-b
# The store is down at the start: everything is queued.
play "$a" Ada caviar 1 "1 1 1 1 1 1 1 1 1 1"
play "$b" Bob late_meal 2 "2 2 2 2 2 2 2 2 2 2"
start_lrs
"$bin" --data "$a" sync
play "$b" Bob phone 3 "1 2 1 2 1 2 1 2 1 2"
# Killed mid-send: a sync, then the store, at once.
"$bin" --data "$b" sync & sync_pid=$!
sleep 0.05; kill -9 "$sync_pid" 2>/dev/null || true; wait "$sync_pid" 2>/dev/null || true
stop_lrs
play "$a" Ada hype 4 "1 1 1 1 1 1 1 1 1 1"
# Everything restarts.
start_lrs
"$bin" --data "$a" sync
"$bin" --data "$b" sync
"$bin" --data "$a" report --xapi "$work/a.json" --csv "$work/a"
"$bin" --data "$b" report --xapi "$work/b.json" --csv "$work/b"
"$bin" --data "$work/reader" report --lrs "$FRONTLINE_LRS" --csv "$work/lrs" --xapi "$work/lrs.json"
curl -s -u trainer:secret -H 'X-Experience-API-Version: 1.0.3' \
    "http://127.0.0.1:$port/xAPI/statements?limit=100000" >"$work/stored.json"
node "$here/check.js" "$work/a.json" "$work/b.json" "$work/stored.json" "$work"
echo "1 passed, 0 failed"
