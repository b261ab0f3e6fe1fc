#!/usr/bin/env bash
# Frontline against a real learning record store (Ralph, see ralph.sh). Two
# "machines" (two data folders) play text sessions, the store is down for
# part of it, a send is killed, everything restarts, and then the store must
# hold every statement exactly once, each valid by Learning Locker's rules,
# and `report --lrs` must show the same figures as the two local reports.
# Usage: tests/lrs/lrs.sh [path/to/frontline]   (needs python3, node, npm, curl)
set -euo pipefail
source "$(dirname "$0")/ralph.sh"
bin=${1:-${CARGO_TARGET_DIR:-$root/target}/release/frontline}
[ -x "$bin" ] || (cd "$root" && cargo build --release --bin frontline)
work=${LRS_WORK:-$root/target/lrs}
rm -rf "$work"; mkdir -p "$work"
new_store "$work"
# Small pages, so that reading the store follows `more` links.
export RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT=20
export FRONTLINE_SCENARIOS=$root/scenarios
play() { # data trainee scenario seed picks
    # After the ending the picks left go to a retry, which the end of the
    # input abandons: exit 1, "input ended before the conversation did".
    local rc=0
    printf '%s\n' $5 | "$bin" --data "$1" play --text "$3" --trainee "$2" --seed "$4" >/dev/null || rc=$?
    [ "$rc" -le 1 ] || { echo "FAILED: play $3 exited $rc"; exit 1; }
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
"$bin" --data "$work/reader" report --lrs "$FRONTLINE_LRS" --csv "$work/lrs"
node "$here/check.js" "$work" "${FRONTLINE_LRS}statements" "$work/a.json" "$work/b.json"
echo "1 passed, 0 failed"
