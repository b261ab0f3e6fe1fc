#!/usr/bin/env bash
# Measures hot reload in a real window (Xvfb, software Vulkan): the game shows
# the scenario list from a scratch copy of scenarios/; the script renames a
# scenario's title in its file ten times and, for each edit, times from the
# moment the write is closed to the first capture of the window (xwd) that
# differs from the one before the edit, and to the game's "reloaded" log line.
# Prints every edit and the medians. A capture takes a few milliseconds, which
# the "seen" figure includes: it is an upper bound of the true latency.
set -euo pipefail
cd "$(dirname "$0")/../.."

bin=${CARGO_TARGET_DIR:-target}/release/frontline
out=target/window
mkdir -p "$out"
[ -x "$bin" ] || cargo build --release --bin frontline

display=:${RELOAD_DISPLAY:-95}
Xvfb "$display" -screen 0 1280x720x24 -nolisten tcp >"$out/reload-xvfb.log" 2>&1 &
xvfb=$!
scratch=$(mktemp -d)
cleanup() {
  kill "${game:-}" "$xvfb" 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT
cp scenarios/*.scenario.ron "$scratch/"
mkdir "$scratch/data"
export DISPLAY=$display WGPU_BACKEND=vulkan FRONTLINE_DATA=$scratch/data FRONTLINE_SCENARIOS=$scratch
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

log=$out/reload-game.log
"$bin" >"$log" 2>&1 &
game=$!
for _ in $(seq 150); do grep -q "screen: Title" "$log" && break; sleep 0.1; done
window=$(xdotool search --sync --pid "$game" | tail -1)
xdotool windowfocus --sync "$window"
sleep 1
xdotool key --window "$window" Return
sleep 0.5
xdotool type --window "$window" "Ada"
xdotool key --window "$window" Return
for _ in $(seq 50); do grep -q "screen: Select" "$log" && break; sleep 0.1; done
sleep 2

capture() { xwd -silent -id "$window" | md5sum | cut -c1-32; }
now_ms() { date +%s%3N; }
file=$scratch/caviar.scenario.ron
original=$(grep -m1 '^ *title:' "$file")
printf 'edit  seen_ms  logged_ms\n'
seen_all=() logged_all=()
for n in $(seq 10); do
  before=$(capture)
  reloads=$(grep -c "reloaded caviar" "$log" || true)
  sed -i "0,/^ *title:.*/s//  title: \"Under the sea, edit $n\",/" "$file"
  written=$(now_ms)
  seen=none
  for _ in $(seq 400); do
    if [ "$(capture)" != "$before" ]; then seen=$(($(now_ms) - written)); break; fi
  done
  for _ in $(seq 100); do
    [ "$(grep -c "reloaded caviar" "$log" || true)" -gt "$reloads" ] && break
    sleep 0.01
  done
  # The log's timestamp (UTC, microseconds) of this reload.
  stamp=$(grep "reloaded caviar" "$log" | tail -1 | sed 's/\x1b\[[0-9;]*m//g' | awk '{print $1}')
  logged=$(( $(date -d "$stamp" +%s%3N) - written ))
  printf '%4d  %7s  %9s\n' "$n" "$seen" "$logged"
  seen_all+=("$seen") logged_all+=("$logged")
  sleep 1
done
sed -i "0,/^ *title:.*/s//$original/" "$file"
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
capture_cost=$( { start=$(now_ms); for _ in $(seq 20); do capture >/dev/null; done; echo $(( ($(now_ms) - start) / 20 )); } )
echo "median from the write to the window showing the edit: $(median "${seen_all[@]}") ms (one capture: ~$capture_cost ms)"
echo "median from the write to the game's reload: $(median "${logged_all[@]}") ms"
