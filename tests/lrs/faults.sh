#!/usr/bin/env bash
# No statement lost or duplicated through faults, with a real store (Ralph,
# see ralph.sh). Each trial starts from the same recorded sessions (about
# 3,600 statements, sent in batches of 500) and a new, empty store:
#   1. the store is down: a session is played (its sender can't reach the
#      store) and `sync --recorded` queues the older sessions and fails;
#   2. the store starts, a sync runs, and the store is killed (kill -9)
#      0-299 ms after it took its first batch: mostly mid-stream;
#   3. the store restarts, a sync runs and is killed (kill -9) 0-299 ms after
#      the store took its first batch;
#   4. a last sync must empty the queue.
# Then the store must hold each statement of the records exactly once, each
# valid by Learning Locker's rules, and the queue must be empty.
# Usage: tests/lrs/faults.sh [path/to/frontline] [TRIALS]   (default $LRS_TRIALS or 50)
set -euo pipefail
source "$(dirname "$0")/ralph.sh"
bin=${1:-${CARGO_TARGET_DIR:-$root/target}/release/frontline}
[ -x "$bin" ] || (cd "$root" && cargo build --release --bin frontline)
trials=${2:-${LRS_TRIALS:-50}}
work=${LRS_WORK:-$root/target/lrs-faults}
rm -rf "$work"; mkdir -p "$work"
export FRONTLINE_SCENARIOS=$root/scenarios
scenarios=(caviar garage hype late_meal phone)
RANDOM=${LRS_SEED:-7}

play() { # data trainee scenario seed: picks 1 and 2 in turn; the input ends in a retry
    local rc=0
    printf '%s\n' 1 2 1 2 1 2 1 2 1 2 1 2 1 | "$bin" --data "$1" play --text "$3" --trainee "$2" --seed "$4" >/dev/null || rc=$?
    [ "$rc" -le 1 ] || { echo "FAILED: play $3 exited $rc"; exit 1; }
}
# Sessions recorded before any store was set up.
for i in $(seq 200); do
    FRONTLINE_LRS= play "$work/template" "Trainee $((i % 20))" "${scenarios[i % 5]}" "$i"
done
pending() { sqlite3 "$1/records.sqlite3" "SELECT count(*) FROM outbox"; }
held() { [ -f "$2/store/fs_lrs.jsonl" ] && wc -l <"$2/store/fs_lrs.jsonl" || echo 0; }
size() { stat -c %s "$1/store/fs_lrs.jsonl" 2>/dev/null || echo 0; }
# Runs a sync and kills `what` (lrs or sync) 0-299 ms after the store took
# its first batch (or once the sync has ended, when it had nothing to send).
sync_and_kill() { # data dir what
    local before; before=$(size "$2")
    "$bin" --data "$1" sync >/dev/null 2>&1 & local sync=$!
    for _ in $(seq 400); do
        [ "$(size "$2")" -gt "$before" ] && break
        kill -0 "$sync" 2>/dev/null || break
        sleep 0.02
    done
    sleep "0.$(printf '%03d' $((RANDOM % 300)))"
    if [ "$3" = lrs ]; then stop_lrs; else kill -9 "$sync" 2>/dev/null || true; fi
    wait "$sync" 2>/dev/null || true
}
torn=0 unanswered=0 resent=0 total=0 started=$SECONDS
for t in $(seq "$trials"); do
    dir=$work/trial-$t data=$work/trial-$t/data
    mkdir -p "$dir"; cp -a "$work/template" "$data"
    new_store "$dir"
    # 1. Down at the start.
    play "$data" "Late $t" "${scenarios[t % 5]}" "$((1000 + t))"
    "$bin" --data "$data" sync --recorded >/dev/null 2>&1 && { echo "FAILED: sync with the store down exited 0"; exit 1; }
    queued=$(pending "$data")
    # 2. The store killed while it takes the queue.
    start_lrs
    sync_and_kill "$data" "$dir" lrs
    left=$(pending "$data") stored=$(held "$data" "$dir")
    at_lrs_kill="$stored stored, $left queued"
    [ $((stored % 500)) -ne 0 ] && [ "$stored" -lt "$queued" ] && torn=$((torn + 1))
    [ $((stored + left)) -gt "$queued" ] && unanswered=$((unanswered + 1))
    # 3. Frontline killed while it sends.
    start_lrs
    sync_and_kill "$data" "$dir" sync
    left=$(pending "$data") stored=$(held "$data" "$dir")
    at_sync_kill="$stored stored, $left queued"
    [ $((stored + left)) -gt "$queued" ] && resent=$((resent + 1))
    # 4. Everything up again.
    "$bin" --data "$data" sync >/dev/null
    [ "$(pending "$data")" -eq 0 ] || { echo "FAILED: trial $t: the queue is not empty"; exit 1; }
    "$bin" --data "$data" report --xapi "$dir/local.json" >/dev/null 2>&1
    node "$here/check.js" "$dir" "${FRONTLINE_LRS}statements" "$dir/local.json" >"$dir/check.log" ||
        { cat "$dir/check.log"; echo "FAILED: trial $t"; exit 1; }
    stop_lrs
    total=$((total + queued))
    echo "trial $t: $queued statements; store killed: $at_lrs_kill; Frontline killed: $at_sync_kill; at the end each once and valid"
done
echo "$trials trials, $total statements in all, none lost or duplicated, in $((SECONDS - started)) s"
echo "the store was killed with a batch half written in $torn trials, with a batch written but not answered in $unanswered;"
echo "Frontline was killed with statements stored but still queued in $resent trials (sent again, kept once)"
echo "$trials passed, 0 failed"
