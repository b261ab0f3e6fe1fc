#!/usr/bin/env bash
# Measures the game against a bare Bevy window built with the same features,
# each under Xvfb with software Vulkan: time from launch to the first frame
# with text on it, resident memory once settled, and CPU use while idle
# (the game waiting on its title screen, and waiting for a reply in a
# conversation, driven there with xdotool).
#
# The screen is polled with xwd, which costs a few ms a capture, and only
# captures that differ from the one before are kept and analysed afterwards:
# analysing while polling would take CPU from the program being measured.
# MEASURE_RUNS (default 5) runs of each alternate; medians are printed last.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release --bin frontline --example bare_window
release=${CARGO_TARGET_DIR:-target}/release
runs=${MEASURE_RUNS:-5}

display=:${MEASURE_DISPLAY:-96}
Xvfb "$display" -screen 0 1280x720x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
shots=$(mktemp -d)
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$shots"' EXIT
export DISPLAY=$display WGPU_BACKEND=vulkan FRONTLINE_DATA=$(mktemp -d)
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

# Seconds from $1 (ns since the epoch) to the first kept capture with text
# (more than 50 colours: antialiased glyphs), or "none".
first_text() {
  local start=$1 shot ns
  for shot in "$shots"/*.xwd; do
    [ -e "$shot" ] || break
    if [ "$(convert "xwd:$shot" -format '%k' info: 2>/dev/null || echo 0)" -gt 50 ]; then
      ns=$(basename "$shot" .xwd)
      echo "scale=3; ($ns - $start) / 1000000000" | bc
      return
    fi
  done
  echo none
}

# Prints "first_frame_s rss_mb idle_cpu_percent" for the command given: the
# CPU over 10 s once settled, the memory at the end of them.
measure() {
  local start pid now
  rm -f "$shots"/*
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 &
  pid=$!
  # Capture for 3 s, keeping each capture that differs from the last kept.
  : >"$shots/last"
  while now=$(date +%s%N); [ $((now - start)) -lt 3000000000 ]; do
    xwd -root -silent >"$shots/now" 2>/dev/null || continue
    cmp -s "$shots/now" "$shots/last" && continue
    cp "$shots/now" "$shots/last"
    mv "$shots/now" "$shots/$now.xwd"
  done
  local first rss ticks0 ticks1 hz
  first=$(first_text "$start")
  # Settled: the game has read its scenarios by now.
  sleep 3
  hz=$(getconf CLK_TCK)
  ticks0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  sleep 10
  ticks1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  rss=$(awk '/VmRSS/ {print $2 / 1024}' "/proc/$pid/status")
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  printf '%s %.0f %.1f\n' "$first" "$rss" "$(echo "($ticks1 - $ticks0) * 100 / $hz / 10" | bc -l)"
}

results=$(mktemp)
echo "binary        first_frame_s  rss_mb  idle_cpu_%"
for _ in $(seq "$runs"); do
  for binary in bare_window frontline; do
    case $binary in
      bare_window) line=$(measure "$release/examples/bare_window") ;;
      frontline) line=$(measure "$release/frontline") ;;
    esac
    printf '%-13s %s\n' "$binary" "$line" | tee -a "$results"
  done
done
echo "medians:"
for binary in bare_window frontline; do
  for column in 2 3 4; do
    awk -v b="$binary" -v c="$column" '$1 == b {print $c}' "$results" | sort -n |
      awk '{v[NR] = $1} END {m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%s ", m}'
  done | awk -v b="$binary" '{printf "%-13s %s %s %s\n", b, $1, $2, $3}'
done | tee -a "$results.medians"
awk 'NR == 1 {b1 = $2; b2 = $3} NR == 2 {printf "frontline / bare: first frame %.2fx, memory %.2fx\n", $2 / b1, $3 / b2}' "$results.medians"
rm -f "$results" "$results.medians"

# CPU over 10 s of a game waiting for a reply, before and after one.
cpu_over_10s() {
  local hz ticks0 ticks1
  hz=$(getconf CLK_TCK)
  ticks0=$(awk '{print $14 + $15}' "/proc/$1/stat")
  sleep 10
  ticks1=$(awk '{print $14 + $15}' "/proc/$1/stat")
  printf '%.1f' "$(echo "($ticks1 - $ticks0) * 100 / $hz / 10" | bc -l)"
}
log=$(mktemp)
"$release/frontline" >"$log" 2>&1 &
game=$!
window=$(xdotool search --sync --pid "$game" | tail -1)
xdotool windowfocus --sync "$window"
sleep 2
key() { xdotool key --window "$window" "$@"; sleep 0.6; }
key Return
xdotool type --window "$window" Ada
key Return
key 1
key Return
sleep 3
grep -q "screen: Conversation" "$log" || { echo "never reached a conversation" >&2; exit 1; }
echo "frontline waiting for a reply: idle_cpu_% $(cpu_over_10s "$game")"
key 1
sleep 3
echo "frontline waiting after a reply: idle_cpu_% $(cpu_over_10s "$game")"
kill "$game"
rm -f "$log"
