#!/usr/bin/env bash
# How fast a queue drains: N statements (default 100,000) queued in a fresh
# records file and sent in batches of 500, once to Ralph (see ralph.sh) and
# once to a sink that stores nothing (Frontline's own side); then the store
# must hold each statement exactly once.
# Usage: tests/lrs/throughput.sh [path/to/drain-example] [N]
#   (build it with `cargo build --release -p frontline-records --example drain`)
set -euo pipefail
source "$(dirname "$0")/ralph.sh"
drain=${1:-${CARGO_TARGET_DIR:-$root/target}/release/examples/drain}
[ -x "$drain" ] || (cd "$root" && cargo build --release -p frontline-records --example drain)
n=${2:-100000}
work=${LRS_WORK:-$root/target/lrs-throughput}
rm -rf "$work"; mkdir -p "$work"
new_store "$work"
start_lrs
echo "Ralph (file backend):"
"$drain" "$FRONTLINE_LRS" "$n"
stop_lrs
held=$(wc -l <"$work/store/fs_lrs.jsonl")
unique=$(grep -o '"id": "[0-9a-f-]*"' "$work/store/fs_lrs.jsonl" | sort -u | wc -l)
[ "$held" -eq "$n" ] && [ "$unique" -eq "$n" ] || { echo "FAILED: the store holds $held lines, $unique ids, of $n"; exit 1; }
echo "the store holds $held statements, each once"
echo "sink (stores nothing):"
node "$here/sink.js" "$port" & sink=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.05; done
"$drain" "$FRONTLINE_LRS" "$n"
kill "$sink"; wait "$sink" || true
