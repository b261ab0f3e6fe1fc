#!/usr/bin/env bash
# Measures the game against a bare Bevy window built with the same features,
# each under Xvfb with software Vulkan: time from launch to the first frame
# with text on it, resident memory once settled, and CPU use while idle
# (the game waiting on its title screen, which is where a trainee idles).
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release --bin frontline --example bare_window
release=${CARGO_TARGET_DIR:-target}/release

display=:${MEASURE_DISPLAY:-96}
Xvfb "$display" -screen 0 1280x720x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
export DISPLAY=$display WGPU_BACKEND=vulkan FRONTLINE_DATA=$(mktemp -d)
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

# Prints "first_frame_s rss_mb idle_cpu_percent" for the command given.
measure() {
  local start pid first=none colours
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 300); do
    colours=$(import -window root png:- 2>/dev/null | convert - -format '%k' info: 2>/dev/null || echo 0)
    if [ "${colours:-0}" -gt 50 ]; then
      first=$(echo "$(date +%s.%N) - $start" | bc)
      break
    fi
    sleep 0.02
  done
  sleep 3
  local rss ticks0 ticks1 hz
  rss=$(awk '/VmRSS/ {print $2 / 1024}' "/proc/$pid/status")
  hz=$(getconf CLK_TCK)
  ticks0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  sleep 10
  ticks1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  printf '%s %.0f %.1f\n' "$first" "$rss" "$(echo "($ticks1 - $ticks0) * 100 / $hz / 10" | bc -l)"
}

echo "binary        first_frame_s  rss_mb  idle_cpu_%"
for run in 1 2 3; do
  printf 'bare_window   %s\n' "$(measure "$release/examples/bare_window")"
  printf 'frontline     %s\n' "$(measure "$release/frontline")"
done
